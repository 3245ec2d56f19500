namespace CloudMart.Platform;

/// <summary>Bound from <c>Store</c>: the shop's one currency (ISO 4217), returned wherever amounts appear.</summary>
internal sealed class StoreOptions
{
    public const string Section = "Store";

    public string Currency { get; set; } = "USD";

    public string Name { get; set; } = "CloudMart";
}
