using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace CloudMart.Platform.Aws;

/// <summary>What became of a TransactWriteItems: committed, or cancelled with the items whose condition failed.</summary>
internal sealed record TransactionOutcome(bool Committed, IReadOnlyList<int> FailedConditions)
{
    public static readonly TransactionOutcome Success = new(true, []);
}

/// <summary>
/// TransactWriteItems with DynamoDB's rules applied: at most 100 items; a conflict with another transaction on the
/// same item (TransactionConflict) is retried with jittered backoff; a failed condition is an answer, not an error.
/// Throttling and transient faults are retried by the SDK (standard retry mode, see DynamoDbRegistration).
/// </summary>
internal static class DynamoTransactions
{
    public const int MaxItems = 100;
    private const int MaxConflictAttempts = 10;

    public static async Task<TransactionOutcome> TryWriteAsync(DynamoTable table, IReadOnlyList<TransactWriteItem> items, CancellationToken cancellationToken)
    {
        if (items.Count > MaxItems)
        {
            throw new ArgumentException($"A DynamoDB transaction holds at most {MaxItems} items, not {items.Count}.", nameof(items));
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await table.Client.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    TransactItems = [.. items],
                    ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                }, cancellationToken);
                return TransactionOutcome.Success;
            }
            catch (TransactionCanceledException e)
            {
                var reasons = Reasons(e, items.Count);
                var failed = reasons.Select((code, i) => (code, i)).Where(r => r.code == "ConditionalCheckFailed").Select(r => r.i).ToList();
                if (failed.Count > 0)
                {
                    return new TransactionOutcome(false, failed);
                }
                if (attempt >= MaxConflictAttempts || !reasons.Any(r => r is "TransactionConflict" or "ThrottlingError" or "ProvisionedThroughputExceeded"))
                {
                    throw;
                }
            }
            catch (TransactionInProgressException) when (attempt < MaxConflictAttempts)
            {
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * (1 << Math.Min(attempt, 6)))), cancellationToken);
        }
    }

    public static async Task WriteAsync(DynamoTable table, IReadOnlyList<TransactWriteItem> items, CancellationToken cancellationToken)
    {
        var outcome = await TryWriteAsync(table, items, cancellationToken);
        if (!outcome.Committed)
        {
            throw new InvalidOperationException(
                $"A DynamoDB write was refused by its condition on item(s) {string.Join(", ", outcome.FailedConditions)}; the store's invariants did not hold.");
        }
    }

    /// <summary>
    /// The cancellation reason of each item, in request order. The SDK parses them from the response; an emulator
    /// that sends them only in the message ("… reasons [None, ConditionalCheckFailed]") is read from there.
    /// </summary>
    private static IReadOnlyList<string> Reasons(TransactionCanceledException e, int count)
    {
        if (e.CancellationReasons is { Count: > 0 } parsed)
        {
            return parsed.Select(r => r.Code ?? "None").ToList();
        }
        var open = e.Message.LastIndexOf('[');
        var close = e.Message.LastIndexOf(']');
        if (open >= 0 && close > open)
        {
            var codes = e.Message[(open + 1)..close].Split(',', StringSplitOptions.TrimEntries);
            if (codes.Length == count)
            {
                return codes;
            }
        }
        return [];
    }
}
