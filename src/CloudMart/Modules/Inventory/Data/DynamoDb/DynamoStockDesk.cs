using Amazon.DynamoDBv2.Model;
using CloudMart.Modules.Inventory.AdjustStock;
using CloudMart.Modules.Inventory.ViewStock;
using CloudMart.Platform.Aws;
using CloudMart.Platform.Observability;
using CloudMart.Platform.Security;

namespace CloudMart.Modules.Inventory.Data.DynamoDb;

/// <summary>/api/inventory on DynamoDB: stock by SKU through GSI1, its history from its own partition.</summary>
internal sealed class DynamoStockDesk(DynamoTable table, DynamoStockLedger ledger) : IStockDesk
{
    public async Task<Results<Ok<StockView>, ProblemHttpResult>> FindAsync(string sku, CancellationToken cancellationToken)
    {
        var stock = await FindBySkuAsync(sku, cancellationToken);
        return stock is null ? ViewStockEndpoint.NotFound(sku) : TypedResults.Ok(StockView.From(stock));
    }

    public async Task<Results<Ok<PagedList<AdjustmentView>>, ProblemHttpResult, ValidationProblem>> HistoryAsync(
        string sku, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var paging = PageRequest.From(page, pageSize, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var stock = await FindBySkuAsync(sku, cancellationToken);
        if (stock is null)
        {
            return ViewStockEndpoint.NotFound(sku);
        }
        // One partition holds the product's history; ids are version-7 GUIDs, so the sort key is the time order.
        var all = new List<StockAdjustment>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await table.Client.QueryAsync(new QueryRequest
            {
                TableName = table.Name,
                KeyConditionExpression = "PK = :pk AND begins_with(SK, :adj)",
                ExpressionAttributeValues = new() { [":pk"] = Attr.S(DynamoStockItems.Pk(stock.ProductId)), [":adj"] = Attr.S("ADJUSTMENT#") },
                ScanIndexForward = false,
                ExclusiveStartKey = start,
            }, cancellationToken);
            all.AddRange((response.Items ?? []).Select(DynamoStockItems.ToAdjustment));
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        var items = all.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(a => new AdjustmentView(a.Id, a.Sku, a.Delta, a.OnHandAfter, a.Reason, a.ActorId, a.At)).ToList();
        return TypedResults.Ok(new PagedList<AdjustmentView>(items, paging.Page, paging.PageSize, all.Count));
    }

    public async Task<Results<Ok<StockView>, ValidationProblem, ProblemHttpResult>> AdjustAsync(
        string sku, int? delta, string? reason, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var input = new StockAdjustmentInput(delta, reason);
        var why = AdjustStockEndpoint.Validate(input, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var stock = await FindBySkuAsync(sku, cancellationToken);
        if (stock is null)
        {
            return ViewStockEndpoint.NotFound(sku);
        }
        var after = await ledger.TryAdjustAsync(stock.ProductId, delta!.Value, why, user.Id(), cancellationToken);
        if (after is null)
        {
            return AdjustStockEndpoint.Refused(await ledger.GetAsync(stock.ProductId, cancellationToken) ?? stock, delta.Value);
        }
        CloudMartTelemetry.StockAdjustments.Add(1);
        return TypedResults.Ok(StockView.From(after));
    }

    /// <summary>
    /// GSI3 holds every stock item under one of ten shard keys, sorted by available units: each shard is read up to
    /// the highest threshold in use, and the per-product threshold is applied as a filter.
    /// </summary>
    public async Task<IReadOnlyList<StockView>> RunningLowAsync(int take, CancellationToken cancellationToken)
    {
        var wanted = Math.Clamp(take, 1, PageRequest.MaxPageSize);
        var low = await FromShardsAsync(lowOnly: true, stopAfter: wanted * DynamoStockItems.Shards, cancellationToken);
        return low.OrderBy(s => s.Available).ThenBy(s => s.Sku, StringComparer.Ordinal).Take(wanted).Select(StockView.From).ToList();
    }

    /// <summary>
    /// The back-office's list by SKU: the ten GSI3 shards hold one small entry per product, read whole (or, for the
    /// products running low, only up to the highest threshold) and sorted here. A shop's stock list is its product
    /// count, not its order volume, so this stays a few queries however busy the shop is.
    /// </summary>
    public async Task<PagedList<StockView>> ListAsync(string? skuPrefix, bool lowOnly, PageRequest paging, CancellationToken cancellationToken)
    {
        var stock = await FromShardsAsync(lowOnly, stopAfter: int.MaxValue, cancellationToken);
        if (!string.IsNullOrWhiteSpace(skuPrefix))
        {
            var prefix = skuPrefix.Trim().ToUpperInvariant();
            stock = stock.Where(s => s.Sku.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        }
        var items = stock.OrderBy(s => s.Sku, StringComparer.Ordinal).Skip(paging.Skip).Take(paging.PageSize).Select(StockView.From).ToList();
        return new PagedList<StockView>(items, paging.Page, paging.PageSize, stock.Count);
    }

    private async Task<List<StockItem>> FromShardsAsync(bool lowOnly, int stopAfter, CancellationToken cancellationToken)
    {
        var found = new List<StockItem>();
        for (var shard = 0; shard < DynamoStockItems.Shards; shard++)
        {
            Dictionary<string, AttributeValue>? start = null;
            do
            {
                var request = new QueryRequest
                {
                    TableName = table.Name,
                    IndexName = "GSI3",
                    KeyConditionExpression = "GSI3PK = :shard",
                    ExpressionAttributeValues = new() { [":shard"] = Attr.S($"STOCKSHARD#{shard}") },
                    ExclusiveStartKey = start,
                };
                if (lowOnly)
                {
                    request.KeyConditionExpression += " AND Available <= :most";
                    request.FilterExpression = "Available <= LowStockThreshold";
                    request.ExpressionAttributeValues[":most"] = Attr.N(DynamoStockItems.HighestThreshold);
                }
                var response = await table.Client.QueryAsync(request, cancellationToken);
                found.AddRange((response.Items ?? []).Select(DynamoStockItems.ToStock));
                start = response.LastEvaluatedKey is { Count: > 0 } last && found.Count < stopAfter ? last : null;
            }
            while (start is not null);
        }
        return found;
    }

    /// <summary>GSI1 (<c>SKU#{sku}</c>) gives the product; its item is then read consistently, as an index is eventually consistent.</summary>
    private async Task<StockItem?> FindBySkuAsync(string sku, CancellationToken cancellationToken)
    {
        if (sku.Length > 40)
        {
            return null;
        }
        var response = await table.Client.QueryAsync(new QueryRequest
        {
            TableName = table.Name,
            IndexName = "GSI1",
            KeyConditionExpression = "GSI1PK = :sku AND GSI1SK = :stock",
            ExpressionAttributeValues = new() { [":sku"] = Attr.S(DynamoStockItems.SkuKey(sku.ToUpperInvariant())), [":stock"] = Attr.S("STOCK") },
            ProjectionExpression = "ProductId",
        }, cancellationToken);
        return response.Items is { Count: > 0 } items ? await ledger.GetAsync(items[0].Guid("ProductId"), cancellationToken) : null;
    }
}
