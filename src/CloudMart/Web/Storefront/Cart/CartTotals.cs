using CloudMart.Modules.Cart.ViewCart;
using CloudMart.Modules.Ordering;
using CloudMart.Modules.Ordering.Pricing;

namespace CloudMart.Web.Storefront.Cart;

/// <summary>What the cart would cost if ordered now: the order pricing code itself, so cart, checkout and order agree.</summary>
internal static class CartTotals
{
    public const string DefaultCountry = "US";

    public static OrderTotals For(CartView cart, string country, PricingOptions pricing) =>
        OrderPricing.Price(cart.Items.Select(l => new OrderLine { ProductId = l.ProductId, Sku = l.Sku, Name = l.Name, UnitPrice = l.UnitPrice, Quantity = l.Quantity }), country, pricing);

    public static string Country(string? wanted, PricingOptions pricing) =>
        wanted is { Length: 2 } && pricing.EffectiveTaxRates.ContainsKey(wanted) ? wanted.ToUpperInvariant() : DefaultCountry;

    /// <summary>Shipping destinations with names shoppers recognise, in the order shoppers look for them.</summary>
    public static IEnumerable<(string Code, string Name)> Countries(PricingOptions pricing) =>
        pricing.EffectiveTaxRates.Keys
            .Select(code => (Code: code.ToUpperInvariant(), Name: Name(code)))
            .OrderBy(c => c.Name, StringComparer.Ordinal);

    // Written out: the shop runs with invariant globalization, where RegionInfo knows no names.
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["US"] = "United States", ["CA"] = "Canada", ["GB"] = "United Kingdom", ["IE"] = "Ireland", ["DE"] = "Germany",
        ["FR"] = "France", ["NL"] = "Netherlands", ["BE"] = "Belgium", ["ES"] = "Spain", ["IT"] = "Italy", ["AT"] = "Austria",
        ["SE"] = "Sweden", ["DK"] = "Denmark", ["PL"] = "Poland", ["PT"] = "Portugal", ["AU"] = "Australia",
        ["NZ"] = "New Zealand", ["JP"] = "Japan", ["CH"] = "Switzerland", ["NO"] = "Norway", ["FI"] = "Finland",
    };

    private static string Name(string code) => Names.GetValueOrDefault(code) ?? code.ToUpperInvariant();
}
