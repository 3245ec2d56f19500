namespace CloudMart.Modules.Ordering.Pricing;

/// <summary>Bound from <c>CloudMart:Pricing</c>: flat-rate shipping, free above a threshold, tax per destination country.</summary>
internal sealed class PricingOptions
{
    public const string Section = "CloudMart:Pricing";

    public decimal ShippingFlatRate { get; set; } = 4.95m;

    public decimal FreeShippingThreshold { get; set; } = 50m;

    /// <summary>Tax rate per ISO 3166 country code; the shop ships to exactly these countries.</summary>
    public Dictionary<string, decimal> TaxRates { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public static readonly Dictionary<string, decimal> DefaultTaxRates = new(StringComparer.OrdinalIgnoreCase)
    {
        ["US"] = 0.07m, ["CA"] = 0.05m, ["GB"] = 0.20m, ["IE"] = 0.23m, ["DE"] = 0.19m, ["FR"] = 0.20m,
        ["NL"] = 0.21m, ["BE"] = 0.21m, ["ES"] = 0.21m, ["IT"] = 0.22m, ["AT"] = 0.20m, ["SE"] = 0.25m,
        ["DK"] = 0.25m, ["PL"] = 0.23m, ["PT"] = 0.23m, ["AU"] = 0.10m, ["NZ"] = 0.15m, ["JP"] = 0.10m,
    };

    public IReadOnlyDictionary<string, decimal> EffectiveTaxRates => TaxRates.Count > 0 ? TaxRates : DefaultTaxRates;
}

internal sealed record OrderTotals(decimal Subtotal, decimal Shipping, decimal Tax, decimal Total);

internal static class OrderPricing
{
    /// <summary>Subtotal of server-side prices; shipping is free from the threshold on; tax applies to goods and shipping.</summary>
    public static OrderTotals Price(IEnumerable<OrderLine> lines, string country, PricingOptions options)
    {
        var subtotal = lines.Sum(l => l.UnitPrice * l.Quantity);
        var shipping = subtotal >= options.FreeShippingThreshold ? 0m : options.ShippingFlatRate;
        var rate = options.EffectiveTaxRates.GetValueOrDefault(country);
        var tax = decimal.Round((subtotal + shipping) * rate, 2, MidpointRounding.AwayFromZero);
        return new OrderTotals(subtotal, shipping, tax, subtotal + shipping + tax);
    }
}
