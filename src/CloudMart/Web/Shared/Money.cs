using System.Globalization;

namespace CloudMart.Web.Shared;

/// <summary>Prices as shoppers read them: symbol first, two decimals, the shop's one currency.</summary>
public static class Money
{
    public static string Format(decimal amount, string currency) => currency switch
    {
        "USD" => "$" + amount.ToString("N2", CultureInfo.InvariantCulture),
        "EUR" => "€" + amount.ToString("N2", CultureInfo.InvariantCulture),
        "GBP" => "£" + amount.ToString("N2", CultureInfo.InvariantCulture),
        _ => currency + " " + amount.ToString("N2", CultureInfo.InvariantCulture),
    };

    /// <summary>Plain number for machine-readable places (JSON-LD, form values).</summary>
    public static string Plain(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
