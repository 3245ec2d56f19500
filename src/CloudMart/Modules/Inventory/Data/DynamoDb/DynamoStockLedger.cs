using Amazon.DynamoDBv2.Model;
using CloudMart.Modules.Inventory.Contracts;
using CloudMart.Modules.Inventory.Reservations;
using CloudMart.Platform.Aws;

namespace CloudMart.Modules.Inventory.Data.DynamoDb;

/// <summary>
/// The inventory facade on DynamoDB. Every change is a conditional write whose condition is the invariant
/// (available ≥ quantity, reserved ≥ quantity, on hand never below reserved), so DynamoDB, not application code,
/// decides who gets the last unit. Multi-item changes are one TransactWriteItems: all or nothing.
/// </summary>
internal sealed class DynamoStockLedger(DynamoTable table, IEnumerable<IStockLevelObserver> observers, TimeProvider clock)
    : IInventory, IStockTransactionParts
{
    private const int MaxAdjustAttempts = 5;

    public async Task OpenStockAsync(Guid productId, string sku, int onHand, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var items = new List<TransactWriteItem>
        {
            new() { Put = new Put { TableName = table.Name, Item = DynamoStockItems.New(productId, sku, onHand, StockLedger.DefaultLowStockThreshold, now), ConditionExpression = "attribute_not_exists(PK)" } },
        };
        if (onHand != 0)
        {
            items.Add(new TransactWriteItem
            {
                Put = new Put
                {
                    TableName = table.Name,
                    Item = DynamoStockItems.Adjustment(new StockAdjustment
                    {
                        Id = Guid.CreateVersion7(clock.GetUtcNow()), ProductId = productId, Sku = sku, Delta = onHand, OnHandAfter = onHand,
                        Reason = "Opening stock", At = now,
                    }),
                },
            });
        }
        var outcome = await DynamoTransactions.TryWriteAsync(table, items, cancellationToken);
        if (!outcome.Committed)
        {
            // The stock was opened before, by an attempt whose catalog transaction then rolled back (the two stores
            // cannot commit together): the same product and SKU again is that retry, and finds its stock there.
            if (await GetAsync(productId, cancellationToken) is { } existing && existing.Sku == sku)
            {
                return;
            }
            throw new InvalidOperationException($"Stock for product {productId} exists under another SKU.");
        }
        await TellObserversAsync(productId, onHand, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> TryReserveAsync(IReadOnlyList<StockLine> lines, CancellationToken cancellationToken)
    {
        var outcome = await DynamoTransactions.TryWriteAsync(table, Reserve(lines, clock.GetUtcNow().UtcDateTime), cancellationToken);
        if (outcome.Committed)
        {
            await CommittedAsync(lines.Select(l => l.ProductId).ToList(), cancellationToken);
            return [];
        }
        return outcome.FailedConditions.Select(i => lines[i].Sku).Distinct().ToList();
    }

    public async Task ReleaseAsync(IReadOnlyList<StockLine> lines, CancellationToken cancellationToken)
    {
        await DynamoTransactions.WriteAsync(table, Release(lines, clock.GetUtcNow().UtcDateTime), cancellationToken);
        await CommittedAsync(lines.Select(l => l.ProductId).ToList(), cancellationToken);
    }

    public Task ShipAsync(IReadOnlyList<StockLine> lines, CancellationToken cancellationToken) =>
        DynamoTransactions.WriteAsync(table, Ship(lines, clock.GetUtcNow().UtcDateTime), cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, int>> OnHandAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        var stock = await GetManyAsync(productIds, cancellationToken);
        return stock.ToDictionary(s => s.ProductId, s => s.OnHand);
    }

    public async Task<bool> TrySetOnHandAsync(Guid productId, int onHand, string reason, Guid? actor, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAdjustAttempts; attempt++)
        {
            var stock = await GetAsync(productId, cancellationToken);
            if (stock is null)
            {
                return false;
            }
            if (stock.OnHand == onHand)
            {
                return true;
            }
            switch (await TryAdjustOnceAsync(stock, onHand - stock.OnHand, reason, actor, cancellationToken))
            {
                case AdjustOutcome.Done:
                    return true;
                case AdjustOutcome.Refused:
                    return false;
            }
        }
        return false;
    }

    /// <summary>Changes on-hand by <paramref name="delta"/> unless that would leave less on hand than is reserved; null when refused.</summary>
    public async Task<StockItem?> TryAdjustAsync(Guid productId, int delta, string reason, Guid? actor, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAdjustAttempts; attempt++)
        {
            var stock = await GetAsync(productId, cancellationToken);
            if (stock is null)
            {
                return null;
            }
            switch (await TryAdjustOnceAsync(stock, delta, reason, actor, cancellationToken))
            {
                case AdjustOutcome.Done:
                    return await GetAsync(productId, cancellationToken);
                case AdjustOutcome.Refused:
                    return null;
            }
        }
        return null;
    }

    private enum AdjustOutcome
    {
        Done,
        Refused,
        OnHandMoved,
    }

    /// <summary>
    /// The update and its history item in one transaction. The condition pins on-hand to what was read (so the
    /// history's "on hand after" is exact) and keeps on-hand at or above reserved and within the maximum; a
    /// reservation racing the adjustment changes only Reserved, which the condition checks as it stands at commit.
    /// </summary>
    private async Task<AdjustOutcome> TryAdjustOnceAsync(StockItem stock, int delta, string reason, Guid? actor, CancellationToken cancellationToken)
    {
        var after = (long)stock.OnHand + delta;
        if (after > StockLedger.MaxOnHand || after < 0)
        {
            return AdjustOutcome.Refused;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var items = new List<TransactWriteItem>
        {
            new()
            {
                Update = new Update
                {
                    TableName = table.Name,
                    Key = DynamoStockItems.Key(stock.ProductId),
                    UpdateExpression = "SET OnHand = OnHand + :d, Available = Available + :d, UpdatedAt = :now",
                    ConditionExpression = "OnHand = :read AND Available >= :minusD",
                    ExpressionAttributeValues = new()
                    {
                        [":d"] = Attr.N(delta), [":read"] = Attr.N(stock.OnHand), [":minusD"] = Attr.N(-(long)delta), [":now"] = Attr.Time(now),
                    },
                },
            },
            new()
            {
                Put = new Put
                {
                    TableName = table.Name,
                    Item = DynamoStockItems.Adjustment(new StockAdjustment
                    {
                        Id = Guid.CreateVersion7(clock.GetUtcNow()), ProductId = stock.ProductId, Sku = stock.Sku, Delta = delta,
                        OnHandAfter = (int)after, Reason = reason, ActorId = actor, At = now,
                    }),
                },
            },
        };
        var outcome = await DynamoTransactions.TryWriteAsync(table, items, cancellationToken);
        if (outcome.Committed)
        {
            await CommittedAsync([stock.ProductId], cancellationToken);
            return AdjustOutcome.Done;
        }
        var current = await GetAsync(stock.ProductId, cancellationToken);
        return current is not null && current.OnHand != stock.OnHand ? AdjustOutcome.OnHandMoved : AdjustOutcome.Refused;
    }

    public IReadOnlyList<TransactWriteItem> Reserve(IReadOnlyList<StockLine> lines, DateTime now) =>
        lines.Select(l => StockUpdate(l.ProductId,
            "SET Reserved = Reserved + :q, Available = Available - :q, UpdatedAt = :now", "Available >= :q", l.Quantity, now)).ToList();

    public IReadOnlyList<TransactWriteItem> Release(IReadOnlyList<StockLine> lines, DateTime now) =>
        lines.Select(l => StockUpdate(l.ProductId,
            "SET Reserved = Reserved - :q, Available = Available + :q, UpdatedAt = :now", "Reserved >= :q", l.Quantity, now)).ToList();

    public IReadOnlyList<TransactWriteItem> Ship(IReadOnlyList<StockLine> lines, DateTime now) =>
        lines.Select(l => StockUpdate(l.ProductId,
            "SET Reserved = Reserved - :q, OnHand = OnHand - :q, UpdatedAt = :now", "Reserved >= :q AND OnHand >= :q", l.Quantity, now)).ToList();

    public async Task CommittedAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        foreach (var stock in await GetManyAsync(productIds, cancellationToken))
        {
            await TellObserversAsync(stock.ProductId, stock.Available, cancellationToken);
        }
    }

    public async Task<StockItem?> GetAsync(Guid productId, CancellationToken cancellationToken)
    {
        var response = await table.Client.GetItemAsync(new GetItemRequest
        {
            TableName = table.Name, Key = DynamoStockItems.Key(productId), ConsistentRead = true,
        }, cancellationToken);
        return response.Item is { Count: > 0 } item ? DynamoStockItems.ToStock(item) : null;
    }

    private async Task<IReadOnlyList<StockItem>> GetManyAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        var found = new List<StockItem>();
        foreach (var chunk in productIds.Distinct().Chunk(100))
        {
            var keys = chunk.Select(DynamoStockItems.Key).ToList();
            while (keys.Count > 0)
            {
                var response = await table.Client.BatchGetItemAsync(new BatchGetItemRequest
                {
                    RequestItems = new() { [table.Name] = new KeysAndAttributes { Keys = keys, ConsistentRead = true } },
                }, cancellationToken);
                if (response.Responses?.TryGetValue(table.Name, out var items) == true)
                {
                    found.AddRange(items.Select(DynamoStockItems.ToStock));
                }
                keys = response.UnprocessedKeys?.TryGetValue(table.Name, out var left) == true ? left.Keys : [];
            }
        }
        return found;
    }

    private TransactWriteItem StockUpdate(Guid productId, string update, string condition, int quantity, DateTime now) => new()
    {
        Update = new Update
        {
            TableName = table.Name,
            Key = DynamoStockItems.Key(productId),
            UpdateExpression = update,
            ConditionExpression = condition,
            ExpressionAttributeValues = new() { [":q"] = Attr.N(quantity), [":now"] = Attr.Time(now) },
        },
    };

    private async Task TellObserversAsync(Guid productId, int available, CancellationToken cancellationToken)
    {
        foreach (var observer in observers)
        {
            await observer.StockChangedAsync(productId, available, cancellationToken);
        }
    }
}
