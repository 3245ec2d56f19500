using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace CloudMart.Platform.Aws.Streams;

/// <summary>One shard of a stream: a parent's records all come before its children's.</summary>
internal sealed record StreamShard(string ShardId, string? ParentShardId, bool Closed);

/// <summary>A page of a shard: its records (raw, so a bad one can still be named) and where to read next (null: the shard is closed and read to its end).</summary>
internal sealed record StreamPage(IReadOnlyList<JsonElement> Records, string? NextIterator);

/// <summary>The stream answered with an error: its type (ExpiredIteratorException, TrimmedDataAccessException, …) and message.</summary>
internal sealed class StreamsApiException(string errorType, string message, HttpStatusCode status) : Exception($"{errorType}: {message}")
{
    public string ErrorType { get; } = errorType;

    public HttpStatusCode Status { get; } = status;

    public bool IsRetryable => Status >= HttpStatusCode.InternalServerError
        || ErrorType is "ThrottlingException" or "LimitExceededException" or "ProvisionedThroughputExceededException";
}

/// <summary>
/// The DynamoDB Streams API (DescribeStream, GetShardIterator, GetRecords): JSON over HTTPS, signed with Signature
/// Version 4. The SDK's streams client is a package not served here; the protocol is small, and the SDK's own signer
/// computes the signature from the canonical request built below.
/// </summary>
internal sealed class DynamoStreamsClient(HttpClient http, DynamoDbOptions options, AWSCredentials credentials)
{
    private const string Service = "dynamodb";
    private const string ContentType = "application/x-amz-json-1.0";

    private readonly Uri _endpoint = new(string.IsNullOrWhiteSpace(options.ServiceUrl)
        ? $"https://streams.dynamodb.{Region(options)}.amazonaws.com/"
        : options.ServiceUrl.TrimEnd('/') + "/");

    public async Task<IReadOnlyList<StreamShard>> ShardsAsync(string streamArn, CancellationToken cancellationToken)
    {
        var shards = new List<StreamShard>();
        string? after = null;
        do
        {
            using var answer = await CallAsync("DescribeStream", after is null
                ? new Dictionary<string, object> { ["StreamArn"] = streamArn }
                : new Dictionary<string, object> { ["StreamArn"] = streamArn, ["ExclusiveStartShardId"] = after }, cancellationToken);
            var description = answer.RootElement.GetProperty("StreamDescription");
            foreach (var shard in description.GetProperty("Shards").EnumerateArray())
            {
                var range = shard.TryGetProperty("SequenceNumberRange", out var r) ? r : default;
                shards.Add(new StreamShard(
                    shard.GetProperty("ShardId").GetString()!,
                    shard.TryGetProperty("ParentShardId", out var parent) ? parent.GetString() : null,
                    range.ValueKind == JsonValueKind.Object && range.TryGetProperty("EndingSequenceNumber", out var end) && end.ValueKind == JsonValueKind.String));
            }
            after = description.TryGetProperty("LastEvaluatedShardId", out var last) && last.ValueKind == JsonValueKind.String ? last.GetString() : null;
        }
        while (after is not null);
        return shards;
    }

    /// <param name="afterSequenceNumber">Read after this record (a checkpoint); null reads the shard from its oldest record.</param>
    public async Task<string> IteratorAsync(string streamArn, string shardId, string? afterSequenceNumber, CancellationToken cancellationToken)
    {
        var request = new Dictionary<string, object>
        {
            ["StreamArn"] = streamArn,
            ["ShardId"] = shardId,
            ["ShardIteratorType"] = afterSequenceNumber is null ? "TRIM_HORIZON" : "AFTER_SEQUENCE_NUMBER",
        };
        if (afterSequenceNumber is not null)
        {
            request["SequenceNumber"] = afterSequenceNumber;
        }
        using var answer = await CallAsync("GetShardIterator", request, cancellationToken);
        return answer.RootElement.GetProperty("ShardIterator").GetString()!;
    }

    public async Task<StreamPage> RecordsAsync(string iterator, int limit, CancellationToken cancellationToken)
    {
        using var answer = await CallAsync("GetRecords", new Dictionary<string, object> { ["ShardIterator"] = iterator, ["Limit"] = limit }, cancellationToken);
        var records = answer.RootElement.GetProperty("Records").EnumerateArray().Select(r => r.Clone()).ToList();
        var next = answer.RootElement.TryGetProperty("NextShardIterator", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        return new StreamPage(records, next);
    }

    private async Task<JsonDocument> CallAsync(string operation, Dictionary<string, object> body, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(json) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        var target = $"DynamoDBStreams_20120810.{operation}";
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        await SignAsync(request, json, target);
        using var response = await http.SendAsync(request, cancellationToken);
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Error(response.StatusCode, content);
        }
        return JsonDocument.Parse(content);
    }

    /// <summary>Signature Version 4 over the headers that identify the call; the SDK's signer does the cryptography.</summary>
    private async Task SignAsync(HttpRequestMessage request, byte[] body, string target)
    {
        var identity = await credentials.GetCredentialsAsync();
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var host = _endpoint.IsDefaultPort ? _endpoint.Host : $"{_endpoint.Host}:{_endpoint.Port}";
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = ContentType,
            ["host"] = host,
            ["x-amz-date"] = amzDate,
            ["x-amz-target"] = target,
        };
        if (identity.UseToken)
        {
            headers["x-amz-security-token"] = identity.Token;
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", identity.Token);
        }
        var signedHeaders = string.Join(';', headers.Keys);
        var canonical = new StringBuilder()
            .Append("POST\n").Append(_endpoint.AbsolutePath).Append("\n\n")
            .AppendJoin("", headers.Select(h => $"{h.Key}:{h.Value}\n")).Append('\n')
            .Append(signedHeaders).Append('\n')
            .Append(Convert.ToHexStringLower(SHA256.HashData(body)))
            .ToString();
        var signature = AWS4Signer.ComputeSignature(identity, Region(options), now, Service, signedHeaders, canonical);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("Authorization", signature.ForAuthorizationHeader);
    }

    private static string Region(DynamoDbOptions options) => string.IsNullOrWhiteSpace(options.Region) ? "us-east-1" : options.Region;

    private static StreamsApiException Error(HttpStatusCode status, byte[] content)
    {
        try
        {
            using var error = JsonDocument.Parse(content);
            var type = error.RootElement.TryGetProperty("__type", out var t) ? t.GetString() ?? "" : "";
            var message = error.RootElement.TryGetProperty("message", out var m) || error.RootElement.TryGetProperty("Message", out m) ? m.GetString() ?? "" : "";
            return new StreamsApiException(type[(type.LastIndexOf('#') + 1)..], message, status);
        }
        catch (JsonException)
        {
            return new StreamsApiException("HttpError", $"HTTP {(int)status}", status);
        }
    }
}
