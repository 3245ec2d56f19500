using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Notifications.Templates;

/// <summary>
/// Bound from <c>CloudMart:Shipping</c>: <c>Carriers:&lt;Name&gt;</c> is: each carrier's public tracking page, with <c>{tracking}</c> where the
/// tracking number goes. A shop adds its own carriers; the common ones are known out of the box.
/// </summary>
internal sealed class CarrierOptions
{
    public const string Section = "CloudMart:Shipping";

    public static readonly IReadOnlyDictionary<string, string> KnownCarriers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["UPS"] = "https://www.ups.com/track?tracknum={tracking}",
        ["FedEx"] = "https://www.fedex.com/fedextrack/?trknbr={tracking}",
        ["USPS"] = "https://tools.usps.com/go/TrackConfirmAction?tLabels={tracking}",
        ["DHL"] = "https://www.dhl.com/global-en/home/tracking/tracking-express.html?tracking-id={tracking}",
    };

    public Dictionary<string, string> Carriers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every configured page is an absolute https address with a place for the number.</summary>
    public bool IsValid() => Carriers.Values.All(template =>
        template.Contains("{tracking}", StringComparison.Ordinal)
        && Uri.TryCreate(template.Replace("{tracking}", "0", StringComparison.Ordinal), UriKind.Absolute, out var url)
        && url.Scheme == Uri.UriSchemeHttps);
}

/// <summary>The link to a parcel on its carrier's own tracking page, when the carrier is one the shop knows.</summary>
internal sealed class CarrierTracking(IOptions<CarrierOptions> options)
{
    public string? LinkFor(string? carrier, string? trackingNumber)
    {
        if (string.IsNullOrWhiteSpace(carrier) || string.IsNullOrWhiteSpace(trackingNumber))
        {
            return null;
        }
        var name = carrier.Trim();
        var template = options.Value.Carriers.GetValueOrDefault(name) ?? CarrierOptions.KnownCarriers.GetValueOrDefault(name);
        return template?.Replace("{tracking}", Uri.EscapeDataString(trackingNumber.Trim()), StringComparison.Ordinal);
    }
}
