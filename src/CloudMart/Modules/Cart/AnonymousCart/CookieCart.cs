using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace CloudMart.Modules.Cart.AnonymousCart;

internal sealed record CookieCartLine(Guid ProductId, int Quantity);

/// <summary>
/// An anonymous visitor's cart, kept in the visitor's own browser: a cookie protected by Data Protection, so it can
/// be neither read nor forged. It holds only product ids and quantities; prices always come from the catalog.
/// </summary>
internal sealed class CookieCart(IDataProtectionProvider protection)
{
    public const string CookieName = "cloudmart.cart";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);
    private readonly IDataProtector _protector = protection.CreateProtector("CloudMart.Cart.Anonymous.v1");

    public IReadOnlyList<CookieCartLine> Read(HttpContext http)
    {
        // A change earlier in this request is what counts, not the cookie the browser sent.
        if (http.Items.TryGetValue(CookieName, out var written) && written is IReadOnlyList<CookieCartLine> current)
        {
            return current;
        }
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value) || value.Length > 8192)
        {
            return [];
        }
        try
        {
            return Parse(_protector.Unprotect(value));
        }
        catch (CryptographicException)
        {
            return []; // tampered with, or protected by keys long gone: start afresh
        }
        catch (FormatException)
        {
            return [];
        }
    }

    /// <summary>Sets a line's quantity (0 removes it) within the same limits as a signed-in customer's cart.</summary>
    public bool TrySet(HttpContext http, Guid productId, int quantity)
    {
        if (quantity is < 0 or > CartRules.MaxQuantity)
        {
            return false;
        }
        var lines = Read(http).ToList();
        var index = lines.FindIndex(l => l.ProductId == productId);
        if (quantity == 0)
        {
            if (index >= 0)
            {
                lines.RemoveAt(index);
            }
        }
        else if (index >= 0)
        {
            lines[index] = lines[index] with { Quantity = quantity };
        }
        else if (lines.Count >= CartRules.MaxLines)
        {
            return false;
        }
        else
        {
            lines.Add(new CookieCartLine(productId, quantity));
        }
        Write(http, lines);
        return true;
    }

    public void Write(HttpContext http, IReadOnlyList<CookieCartLine> lines)
    {
        if (lines.Count == 0)
        {
            Clear(http);
            return;
        }
        http.Items[CookieName] = lines;
        var text = string.Join(';', lines.Select(l => $"{l.ProductId:N}:{l.Quantity}"));
        http.Response.Cookies.Append(CookieName, _protector.Protect(text), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true, // the cart is what the visitor asked for, not tracking
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            MaxAge = Lifetime,
            Path = "/",
        });
    }

    public void Clear(HttpContext http)
    {
        http.Items[CookieName] = Array.Empty<CookieCartLine>();
        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
    }

    private static List<CookieCartLine> Parse(string text)
    {
        var lines = new List<CookieCartLine>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries).Take(CartRules.MaxLines))
        {
            var pair = part.Split(':');
            if (pair.Length == 2 && Guid.TryParseExact(pair[0], "N", out var id)
                && int.TryParse(pair[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var quantity)
                && quantity is > 0 and <= CartRules.MaxQuantity && lines.TrueForAll(l => l.ProductId != id))
            {
                lines.Add(new CookieCartLine(id, quantity));
            }
        }
        return lines;
    }
}
