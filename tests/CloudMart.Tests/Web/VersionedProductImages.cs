using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace CloudMart.Tests.Web;

/// <summary>
/// An uploaded picture gets a new address, so everyone sees it at once while browsers may keep each picture forever;
/// the old address still leads to the current picture.
/// </summary>
public abstract partial class VersionedProductImages(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    private HttpClient Visitor() => shop.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>The admin signed in through the sign-in page, as a browser is.</summary>
    private async Task<HttpClient> AdminPagesAsync()
    {
        var client = shop.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await client.GetStringAsync("/account/sign-in");
        var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in", ["__RequestVerificationToken"] = Token(form),
            ["Input.Email"] = ShopFactory.AdminEmail, ["Input.Password"] = ShopFactory.AdminPassword,
        }));
        Assert.True((int)response.StatusCode is >= 200 and < 400, $"sign-in: {(int)response.StatusCode}");
        return client;
    }

    private static async Task UploadAsync(HttpClient admin, Guid productId, byte[] picture)
    {
        var page = await admin.GetStringAsync($"/admin/products/{productId}");
        using var body = new MultipartFormDataContent
        {
            { new StringContent(Token(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(picture) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }, "image", "photo.png" },
        };
        var response = await admin.PostAsync($"/admin/products/{productId}/image", body);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("?image=saved", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private async Task<string> PageImageAsync(string slug)
    {
        var html = await Visitor().GetStringAsync($"/p/{slug}");
        return WebUtility.HtmlDecode(PageImage().Match(html).Groups[1].Value);
    }

    [Fact]
    public async Task An_upload_changes_the_product_pages_image_address_and_the_new_address_serves_the_new_picture_for_ever()
    {
        var product = await _api.NamedProductAsync("Speckled Serving Bowl " + Guid.NewGuid().ToString("N")[..6], stock: 3, price: 20m, category: "general");
        var slug = (await (await Visitor().GetAsync($"/api/catalog/products/{product.Id}")).Json()).GetProperty("slug").GetString()!;
        var admin = await AdminPagesAsync();
        var before = await PageImageAsync(slug);
        Assert.Equal($"/images/products/{product.Id}/large", before); // the placeholder

        await UploadAsync(admin, product.Id, Picture(1600, 1200, SKColors.SteelBlue));
        var first = await PageImageAsync(slug);
        await UploadAsync(admin, product.Id, Picture(1600, 800, SKColors.OrangeRed));
        var second = await PageImageAsync(slug);

        Assert.Matches($"^/images/products/{product.Id}/[0-9a-f]{{16}}/large$", first);
        Assert.Matches($"^/images/products/{product.Id}/[0-9a-f]{{16}}/large$", second);
        Assert.NotEqual(first, second);
        var served = await Visitor().GetAsync(second);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/webp", served.Content.Headers.ContentType?.MediaType);
        Assert.True(served.Headers.CacheControl is { Public: true, MaxAge.TotalDays: >= 365 }, served.Headers.CacheControl?.ToString());
        Assert.Contains("immutable", served.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var (width, height, colour) = Decode(await served.Content.ReadAsByteArrayAsync());
        Assert.Equal((1200, 600), (width, height)); // the second picture, its 2:1 shape kept
        Assert.True(colour.Red > 200 && colour.Blue < 100, $"expected the orange-red picture, got {colour}");

        // Old addresses lead to the current picture, and are only briefly cached.
        foreach (var old in new[] { first, $"/images/products/{product.Id}/large" })
        {
            var redirect = await Visitor().GetAsync(old);
            Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
            Assert.Equal(second, redirect.Headers.Location!.OriginalString);
            Assert.True(redirect.Headers.CacheControl?.MaxAge <= TimeSpan.FromMinutes(5), redirect.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task Product_cards_and_the_product_page_offer_every_size_in_srcset()
    {
        var name = "Glazed Pitcher " + Guid.NewGuid().ToString("N")[..6];
        var product = await _api.NamedProductAsync(name, stock: 3, price: 25m, category: "general");
        var slug = (await (await Visitor().GetAsync($"/api/catalog/products/{product.Id}")).Json()).GetProperty("slug").GetString()!;
        await UploadAsync(await AdminPagesAsync(), product.Id, Picture(2000, 2000, SKColors.SeaGreen));

        var page = await Visitor().GetStringAsync($"/p/{slug}");
        var search = await Visitor().GetStringAsync("/c/general?sort=newest");

        var version = Regex.Match(page, $"/images/products/{product.Id}/([0-9a-f]{{16}})/large").Groups[1].Value;
        Assert.NotEmpty(version);
        var srcset = $"/images/products/{product.Id}/{version}/thumb 400w, /images/products/{product.Id}/{version}/medium 800w, /images/products/{product.Id}/{version}/large 1200w";
        Assert.Contains($"srcset=\"{srcset}\"", page, StringComparison.Ordinal);
        Assert.Contains($"src=\"/images/products/{product.Id}/{version}/thumb\" srcset=\"{srcset}\" sizes=\"", search, StringComparison.Ordinal);
        Assert.Contains($"\"image\":\"http://localhost/images/products/{product.Id}/{version}/large\"", page, StringComparison.Ordinal);
    }

    private static string Token(string html) => AntiforgeryToken().Match(html).Groups[1].Value;

    private static byte[] Picture(int width, int height, SKColor colour)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(colour);
        }
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 90).ToArray();
    }

    private static (int Width, int Height, SKColor Centre) Decode(byte[] bytes)
    {
        using var bitmap = SKBitmap.Decode(bytes);
        return (bitmap.Width, bitmap.Height, bitmap.GetPixel(bitmap.Width / 2, bitmap.Height / 2));
    }

    [GeneratedRegex("<div class=\"product__gallery\">\\s*<img src=\"([^\"]+)\"")]
    private static partial Regex PageImage();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed class VersionedProductImagesOnSqlite(SqliteShop shop) : VersionedProductImages(shop), IClassFixture<SqliteShop>;

public sealed class VersionedProductImagesOnPostgres(PostgresShop shop) : VersionedProductImages(shop), IClassFixture<PostgresShop>;
