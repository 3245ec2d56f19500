using System.Globalization;
using Amazon.DynamoDBv2.Model;
using CloudMart.Platform.Aws;

namespace CloudMart.Modules.Cart.Data.DynamoDb;

/// <summary>A cart as read, with the version its next all-or-nothing write must find.</summary>
internal sealed record DynamoCart(IReadOnlyList<StoredCartLine> Lines, long Version);

/// <summary>
/// The cart in the single table (ADR 0018): ONE item per customer, <c>CART#{customerId} / CART</c>, its lines a map
/// <c>Lines</c> from product id to <c>{Quantity, AddedAt}</c>, with <c>LineCount</c> (a condition cannot count a
/// map's entries on every emulator) and <c>Version</c>, which every write adds 1 to. Every change to one line is one
/// UpdateItem on its map entry with a condition, so DynamoDB itself applies concurrent changes one after the other;
/// a merge rewrites the cart with <c>Version = read</c>. 100 lines of about 85 bytes keep the item under 9 KB.
/// </summary>
internal static class DynamoCartItems
{
    public static string Pk(Guid customerId) => $"CART#{customerId}";

    public static Dictionary<string, AttributeValue> Key(Guid customerId) => new()
    {
        ["PK"] = Attr.S(Pk(customerId)),
        ["SK"] = Attr.S("CART"),
    };

    /// <summary>The map key of a product's line.</summary>
    public static string LineKey(Guid productId) => productId.ToString("N");

    public static AttributeValue Line(int quantity, DateTime addedAt) => new()
    {
        M = new() { ["Quantity"] = Attr.N(quantity), ["AddedAt"] = Attr.Time(addedAt) },
    };

    /// <summary>A map attribute, sent even when empty (an empty cart is a cart with no lines, not one without <c>Lines</c>).</summary>
    public static AttributeValue Map(Dictionary<string, AttributeValue> entries) => new() { M = entries, IsMSet = true };

    public static Dictionary<string, AttributeValue> ToItem(Guid customerId, IReadOnlyList<StoredCartLine> lines, long version, DateTime now)
    {
        var item = Key(customerId);
        item["Kind"] = Attr.S("Cart");
        item["CustomerId"] = Attr.S(customerId.ToString());
        item["Lines"] = Map(lines.ToDictionary(l => LineKey(l.ProductId), l => Line(l.Quantity, l.AddedAt)));
        item["LineCount"] = Attr.N(lines.Count);
        item["Version"] = Attr.N(version);
        item["UpdatedAt"] = Attr.Time(now);
        return item;
    }

    public static DynamoCart ToCart(Dictionary<string, AttributeValue> item)
    {
        var lines = new List<StoredCartLine>();
        if (item.TryGetValue("Lines", out var map) && map.M is not null)
        {
            foreach (var (key, value) in map.M)
            {
                lines.Add(new StoredCartLine(
                    Guid.ParseExact(key, "N"),
                    value.M.Int("Quantity"),
                    value.M.Time("AddedAt")));
            }
        }
        return new DynamoCart(lines, item.TryGetValue("Version", out var version) && version.N is not null
            ? long.Parse(version.N, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : 0);
    }
}
