namespace CloudMart.Platform.Messaging;

/// <summary>Bound from <c>CloudMart:Relay</c>.</summary>
internal sealed class RelayOptions
{
    public const string Section = "CloudMart:Relay";

    /// <summary>Off only where something else drives delivery (tests that step through the workflow by hand).</summary>
    public bool Enabled { get; set; } = true;

    public int BatchSize { get; set; } = 100;

    /// <summary>Events of different orders handled at once.</summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>Deliveries of one event before its still-failing handlers go to the dead letters.</summary>
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a worker's claim holds; a crashed worker's events are picked up after it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Polling, for commits made by other processes; commits in this process wake the relay at once.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan RetryDelay(int attempt, Random random) => Backoff.Delay(attempt, FirstRetryDelay, MaxRetryDelay, random);
}
