using System.Globalization;

namespace CloudMart.Web.Shared;

/// <summary>Money as people read it, in the storefront and the back-office: sign, symbol, two decimals.</summary>
public static class Money
{
    public static string Format(decimal amount, string currency)
    {
        // The app runs in globalization-invariant mode; the invariant culture writes 1,234.50.
        var digits = Math.Abs(amount).ToString("N2", CultureInfo.InvariantCulture);
        var sign = amount < 0 ? "-" : "";
        return currency switch
        {
            "USD" => $"{sign}${digits}",
            "EUR" => $"{sign}€{digits}",
            "GBP" => $"{sign}£{digits}",
            _ => $"{sign}{digits} {currency}",
        };
    }

    /// <summary>Plain number for machine-readable places (JSON-LD, form values).</summary>
    public static string Plain(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
