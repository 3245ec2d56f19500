using Amazon.DynamoDBv2.Model;
using CloudMart.Platform.Aws;

namespace CloudMart.Modules.Inventory.Data.DynamoDb;

/// <summary>
/// Inventory's items in the single table (ADR 0018). A product's stock is <c>STOCK#{productId} / STOCK</c> with
/// <c>Available = OnHand − Reserved</c> kept as an attribute, because a condition cannot subtract two attributes;
/// its adjustments share the partition (<c>ADJUSTMENT#{id}</c>, newest last). GSI1 finds stock by SKU; GSI3 lists
/// stock by available units over ten shards, so the back-office's low-stock list is ten small queries.
/// </summary>
internal static class DynamoStockItems
{
    public const int Shards = 10;

    /// <summary>The highest low-stock threshold a product may have here: the upper bound of the low-stock index query.</summary>
    public const int HighestThreshold = 1_000;

    public static string Pk(Guid productId) => $"STOCK#{productId}";

    public static string SkuKey(string sku) => $"SKU#{sku}";

    public static Dictionary<string, AttributeValue> Key(Guid productId) => new()
    {
        ["PK"] = Attr.S(Pk(productId)),
        ["SK"] = Attr.S("STOCK"),
    };

    public static string Shard(Guid productId) => $"STOCKSHARD#{(productId.GetHashCode() & 0x7fffffff) % Shards}";

    public static Dictionary<string, AttributeValue> New(Guid productId, string sku, int onHand, int threshold, DateTime now) => new()
    {
        ["PK"] = Attr.S(Pk(productId)),
        ["SK"] = Attr.S("STOCK"),
        ["Kind"] = Attr.S("Stock"),
        ["ProductId"] = Attr.S(productId.ToString()),
        ["Sku"] = Attr.S(sku),
        ["OnHand"] = Attr.N(onHand),
        ["Reserved"] = Attr.N(0),
        ["Available"] = Attr.N(onHand),
        ["LowStockThreshold"] = Attr.N(threshold),
        ["UpdatedAt"] = Attr.Time(now),
        ["GSI1PK"] = Attr.S(SkuKey(sku)),
        ["GSI1SK"] = Attr.S("STOCK"),
        ["GSI3PK"] = Attr.S(Shard(productId)),
    };

    public static StockItem ToStock(Dictionary<string, AttributeValue> item) => new()
    {
        ProductId = item.Guid("ProductId"),
        Sku = item.Str("Sku"),
        OnHand = item.Int("OnHand"),
        Reserved = item.Int("Reserved"),
        LowStockThreshold = item.Int("LowStockThreshold"),
        UpdatedAt = item.Time("UpdatedAt"),
    };

    public static Dictionary<string, AttributeValue> Adjustment(StockAdjustment adjustment) => new()
    {
        ["PK"] = Attr.S(Pk(adjustment.ProductId)),
        ["SK"] = Attr.S($"ADJUSTMENT#{adjustment.Id}"),
        ["Kind"] = Attr.S("StockAdjustment"),
        ["Id"] = Attr.S(adjustment.Id.ToString()),
        ["ProductId"] = Attr.S(adjustment.ProductId.ToString()),
        ["Sku"] = Attr.S(adjustment.Sku),
        ["Delta"] = Attr.N(adjustment.Delta),
        ["OnHandAfter"] = Attr.N(adjustment.OnHandAfter),
        ["Reason"] = Attr.S(adjustment.Reason),
        ["ActorId"] = adjustment.ActorId is { } actor ? Attr.S(actor.ToString()) : new AttributeValue { NULL = true },
        ["At"] = Attr.Time(adjustment.At),
    };

    public static StockAdjustment ToAdjustment(Dictionary<string, AttributeValue> item) => new()
    {
        Id = item.Guid("Id"),
        ProductId = item.Guid("ProductId"),
        Sku = item.Str("Sku"),
        Delta = item.Int("Delta"),
        OnHandAfter = item.Int("OnHandAfter"),
        Reason = item.Str("Reason"),
        ActorId = item.OptionalStr("ActorId") is { } actor ? System.Guid.Parse(actor) : null,
        At = item.Time("At"),
    };
}
