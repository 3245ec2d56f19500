namespace CloudMart.Platform.Messaging;

/// <summary>Exponential backoff with jitter: a random delay between half and all of first × 2^(attempt-1), capped.</summary>
internal static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan first, TimeSpan max, Random random)
    {
        var ceiling = Math.Min(max.TotalMilliseconds, first.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1)));
        return TimeSpan.FromMilliseconds(ceiling / 2 + random.NextDouble() * ceiling / 2);
    }
}
