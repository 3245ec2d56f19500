using System.Text.RegularExpressions;
using CloudMart.Modules.Ordering.Pricing;

namespace CloudMart.Modules.Ordering.PlaceOrder;

internal sealed record OrderItemInput(Guid? ProductId, int? Quantity);

internal sealed record AddressInput(string? Name, string? Line1, string? Line2, string? City, string? PostalCode, string? Country);

/// <summary>Body of POST /api/orders. Prices are never taken from the client.</summary>
internal sealed record PlaceOrderInput(List<OrderItemInput>? Items, AddressInput? ShippingAddress, string? PaymentToken);

internal sealed record ValidOrderRequest(IReadOnlyList<(Guid ProductId, int Quantity)>? Items, ShippingAddress Address, string PaymentToken);

internal static partial class PlaceOrderRules
{
    public const int MaxLines = 50;
    public const int MaxQuantity = 1000;

    public static ValidOrderRequest? Validate(PlaceOrderInput input, PricingOptions pricing, Validation validation)
    {
        List<(Guid, int)>? items = null;
        if (input.Items is not null)
        {
            validation.Check(input.Items.Count is >= 1 and <= MaxLines, "items", $"An order has between 1 and {MaxLines} lines; leave items out to check out the cart.");
            var merged = new Dictionary<Guid, int>();
            for (var i = 0; i < Math.Min(input.Items.Count, MaxLines); i++)
            {
                var item = input.Items[i];
                if (item is null)
                {
                    validation.Add($"items[{i}]", "The line is empty.");
                    continue;
                }
                var idOk = validation.Check(item.ProductId is { } id && id != Guid.Empty, $"items[{i}].productId", "productId is required.");
                var quantityOk = validation.Check(item.Quantity is >= 1 and <= MaxQuantity, $"items[{i}].quantity", $"quantity must be between 1 and {MaxQuantity}.");
                if (idOk && quantityOk)
                {
                    merged[item.ProductId!.Value] = merged.GetValueOrDefault(item.ProductId.Value) + item.Quantity!.Value;
                    validation.Check(merged[item.ProductId.Value] <= MaxQuantity, $"items[{i}].quantity", $"At most {MaxQuantity} of one product per order.");
                }
            }
            items = merged.Select(m => (m.Key, m.Value)).ToList();
        }
        var token = PaymentToken(input.PaymentToken, validation);
        var address = ValidateAddress(input.ShippingAddress, pricing, validation);
        return validation.IsValid ? new ValidOrderRequest(items, address!, token) : null;
    }

    /// <summary>The payment token's rules, the same for a new order and for paying a declined one again.</summary>
    public static string PaymentToken(string? input, Validation validation)
    {
        var token = validation.Text(input, "paymentToken", 100);
        if (token.Length > 0)
        {
            validation.Check(TokenPattern().IsMatch(token), "paymentToken", "paymentToken may contain only letters, digits and '_'.");
        }
        return token;
    }

    private static ShippingAddress? ValidateAddress(AddressInput? input, PricingOptions pricing, Validation validation)
    {
        if (input is null)
        {
            validation.Add("shippingAddress", "shippingAddress is required.");
            return null;
        }
        var name = validation.Text(input.Name, "shippingAddress.name", 100);
        var line1 = validation.Text(input.Line1, "shippingAddress.line1", 200);
        var line2 = validation.OptionalText(input.Line2, "shippingAddress.line2", 200);
        var city = validation.Text(input.City, "shippingAddress.city", 100);
        var postalCode = validation.Text(input.PostalCode, "shippingAddress.postalCode", 20);
        if (postalCode.Length > 0)
        {
            validation.Check(PostalCodePattern().IsMatch(postalCode), "shippingAddress.postalCode", "postalCode may contain only letters, digits, spaces and '-'.");
        }
        var country = validation.Text(input.Country, "shippingAddress.country", 2, minLength: 2).ToUpperInvariant();
        if (country.Length == 2)
        {
            validation.Check(pricing.EffectiveTaxRates.ContainsKey(country), "shippingAddress.country",
                $"We do not ship to '{country}'. We ship to: {string.Join(", ", pricing.EffectiveTaxRates.Keys.Order())}.");
        }
        return new ShippingAddress { Name = name, Line1 = line1, Line2 = line2, City = city, PostalCode = postalCode, Country = country };
    }

    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9 -]*$")]
    private static partial Regex PostalCodePattern();
}
