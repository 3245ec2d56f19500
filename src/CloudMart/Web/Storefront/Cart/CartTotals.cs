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

    private static string Name(string code)
    {
        try
        {
            return new System.Globalization.RegionInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            return code.ToUpperInvariant();
        }
    }
}
