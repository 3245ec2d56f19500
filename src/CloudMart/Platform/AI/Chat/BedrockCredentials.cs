using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Anthropic.Bedrock;

namespace CloudMart.Platform.AI.Chat;

/// <summary>
/// AWS credentials for Bedrock from the standard places (environment, shared config and credentials files, SSO,
/// container and instance roles), read again every few minutes so temporary credentials rotate in a long-lived server.
/// A Bedrock API key in <c>AWS_BEARER_TOKEN_BEDROCK</c> wins, as in the AWS tools.
/// </summary>
internal sealed class BedrockCredentials : IAnthropicBedrockCredentials
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(5);
    private readonly TimeProvider _time;
    private Reading? _current;

    private BedrockCredentials(string region, TimeProvider time)
    {
        Region = region;
        _time = time;
    }

    public string Region { get; }

    /// <summary>Region from <c>CloudMart:AI:Chat:Region</c>, else <c>AWS_REGION</c> or the profile's; fails naming the setting when none is found.</summary>
    public static BedrockCredentials Create(ChatModelOptions options, TimeProvider time)
    {
        var region = string.IsNullOrWhiteSpace(options.Region)
            ? Environment.GetEnvironmentVariable("AWS_REGION") ?? FallbackRegionFactory.GetRegionEndpoint(false)?.SystemName
            : options.Region;
        if (string.IsNullOrWhiteSpace(region))
        {
            throw new InvalidOperationException(
                $"{ChatModelOptions.Section}:Region is required for the Bedrock provider (or set AWS_REGION, or a region in the AWS profile).");
        }
        return new BedrockCredentials(region, time);
    }

    public async Task Apply(HttpRequestMessage requestMessage) => await (await CurrentAsync()).Apply(requestMessage);

    private Task<IAnthropicBedrockCredentials> CurrentAsync()
    {
        var now = _time.GetUtcNow();
        var current = _current;
        // Two questions racing past the refresh both read the chain; harmless, and no lock to hold.
        if (current is null || now - current.At >= Refresh || current.Credentials.IsFaulted)
        {
            current = new Reading(ReadAsync(), now);
            _current = current;
        }
        return current.Credentials;
    }

    private sealed record Reading(Task<IAnthropicBedrockCredentials> Credentials, DateTimeOffset At);

    private async Task<IAnthropicBedrockCredentials> ReadAsync()
    {
        var token = Environment.GetEnvironmentVariable("AWS_BEARER_TOKEN_BEDROCK");
        if (!string.IsNullOrWhiteSpace(token))
        {
            return new AnthropicBedrockApiTokenCredentials { BearerToken = token, Region = Region };
        }
        var resolved = DefaultAWSCredentialsIdentityResolver.GetCredentials(null);
        var keys = resolved is null ? null : await resolved.GetCredentialsAsync();
        if (keys is null)
        {
            throw new InvalidOperationException("No AWS credentials found for Bedrock (environment, AWS profile or role).");
        }
        if (!keys.UseToken)
        {
            return new AnthropicBedrockPrivateKeyCredentials { ApiAccessKey = keys.AccessKey, ApiSecret = keys.SecretKey, Region = Region };
        }
        // Temporary credentials carry a session token, which only the SDK's own reader can hand to its signer.
        var fromSdk = await AnthropicBedrockCredentialsHelper.FromEnv()
            ?? throw new InvalidOperationException("No AWS credentials found for Bedrock (environment, AWS profile or role).");
        if (!string.Equals(fromSdk.Region, Region, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"{ChatModelOptions.Section}:Region ({Region}) differs from the AWS region ({fromSdk.Region}); with temporary credentials set AWS_REGION instead.");
        }
        return fromSdk;
    }
}
