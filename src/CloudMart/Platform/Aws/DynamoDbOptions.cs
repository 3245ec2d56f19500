namespace CloudMart.Platform.Aws;

/// <summary>
/// <c>CloudMart:DynamoDb</c>: with a table name, Ordering, Inventory and Cart keep their data in that one DynamoDB table
/// (ADR 0018); without one, nothing changes. <c>ServiceUrl</c> points at an emulator; credentials come from the
/// standard AWS chain (a placeholder pair is used against an emulator when the chain has none).
/// </summary>
internal sealed class DynamoDbOptions
{
    public const string Section = "CloudMart:DynamoDb";

    public string? TableName { get; set; }

    public string? ServiceUrl { get; set; }

    public string? Region { get; set; }

    /// <summary>Retries of throttled and transient calls (the SDK's standard mode: exponential backoff with jitter).</summary>
    public int MaxErrorRetry { get; set; } = 8;

    /// <summary>How long one attempt may take before it is abandoned (and counted as failed).</summary>
    public int RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>Ask every call for its consumed capacity and count it (<see cref="CapacityRecorder"/>): for benches and cost reviews.</summary>
    public bool RecordCapacity { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(TableName);

    public static DynamoDbOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<DynamoDbOptions>() ?? new DynamoDbOptions();
}
