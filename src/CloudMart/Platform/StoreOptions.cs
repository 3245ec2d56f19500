namespace CloudMart.Platform;

/// <summary>
/// Bound from <c>Store</c>: the shop's one currency (ISO 4217), returned wherever amounts appear, its name, and the
/// address shoppers reach it at — e-mails are written by background handlers with no request to take a host from.
/// </summary>
internal sealed class StoreOptions
{
    public const string Section = "Store";

    public string Currency { get; set; } = "USD";

    public string Name { get; set; } = "CloudMart";

    /// <summary>The shop's public address, e.g. <c>https://shop.example.com</c>: the base of every link in an e-mail.</summary>
    public string PublicUrl { get; set; } = "http://localhost:8080";

    /// <summary>An absolute link into the shop for a path such as <c>/account/orders/{id}</c>.</summary>
    public string Link(string path) => PublicUrl.TrimEnd('/') + path;
}
