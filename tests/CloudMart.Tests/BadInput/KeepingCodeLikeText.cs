using CloudMart.Modules.Catalog.Data;
using CloudMart.Modules.Ordering.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMart.Tests.BadInput;

/// <summary>
/// Honest text that looks like markup or SQL is data (ADR 6): it is stored verbatim, comes back unchanged through the
/// API and the database, and every page shows it as text, never as markup.
/// </summary>
public abstract class KeepingCodeLikeText(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    public static TheoryData<string> Texts
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var which in BadBodies.CodeLikeText.Keys)
            {
                data.Add(which);
            }
            return data;
        }
    }

    private async Task<JsonElement> CreateAsync(string name, string description, string colour)
    {
        var admin = await _api.SharedAdminAsync();
        await _api.EnsureCategoryAsync("general");
        var response = await admin.PostAsJsonAsync("/api/catalog/products", new
        {
            sku = "CODE-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(),
            name,
            description,
            price = 9.5m,
            categorySlug = "general",
            attributes = new Dictionary<string, string> { ["colour"] = colour },
            initialStock = 3,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Json();
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task A_product_with_code_like_text_is_stored_verbatim_and_read_back_unchanged(string which)
    {
        var text = BadBodies.CodeLikeText[which];
        var description = $"{text}\nSecond line: {text}";

        var created = await CreateAsync(text, description, text);

        var id = created.GetProperty("id").GetGuid();
        var read = await (await _api.Anonymous().GetAsync($"/api/catalog/products/{id}")).Json();
        Assert.Equal(text, read.GetProperty("name").GetString());
        Assert.Equal(description, read.GetProperty("description").GetString());
        Assert.Equal(text, read.GetProperty("attributes").GetProperty("colour").GetString());
        await using var scope = shop.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Products.AsNoTracking().SingleAsync(p => p.Id == id);
        Assert.Equal(text, stored.Name);
        Assert.Equal(description, stored.Description);
        Assert.Equal(text, stored.Attributes["colour"]);
    }

    [Fact]
    public async Task A_product_page_shows_markup_in_product_text_as_text()
    {
        var product = await CreateAsync($"Mug {BadBodies.Script}", $"Holds 350 ml. {BadBodies.Script}\n{BadBodies.Sql}", "<b>Blue</b>");

        var html = await _api.Anonymous().GetStringAsync($"/p/{product.GetProperty("slug").GetString()}");

        Assert.DoesNotContain(BadBodies.Script, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Blue</b>", html, StringComparison.Ordinal);
        Assert.Contains("Mug &lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Blue&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("x&#x27;; DROP TABLE catalog_products; --", html, StringComparison.Ordinal);
        // The JSON-LD block carries the name too, with '<' escaped so it cannot close its script element.
        Assert.Contains("Mug \\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task A_shipping_address_with_code_like_text_is_kept_verbatim(string which)
    {
        var text = BadBodies.CodeLikeText[which];
        var product = await _api.SharedAsync("code-like-orders", () => _api.CreateProductAsync(stock: 100));
        var buyer = await _api.SharedCustomerAsync();
        var address = new { name = text, line1 = text, line2 = text, city = text, postalCode = "97201", country = "US" };

        var response = await buyer.Client.PostAsJsonAsync("/api/orders", new
        {
            items = new[] { new { productId = product.Id, quantity = 1 } },
            shippingAddress = address,
            paymentToken = "tok_visa",
        });

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.Json()).GetProperty("id").GetGuid();
        var read = (await (await buyer.Client.GetAsync($"/api/orders/{id}")).Json()).GetProperty("shippingAddress");
        Assert.Equal(text, read.GetProperty("name").GetString());
        Assert.Equal(text, read.GetProperty("line1").GetString());
        Assert.Equal(text, read.GetProperty("city").GetString());
        await using var scope = shop.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<OrderingDbContext>().Orders.AsNoTracking().SingleAsync(o => o.Id == id);
        Assert.Equal(text, stored.ShippingAddress.Line2);
    }

    [Fact]
    public async Task A_stock_adjustment_reason_with_code_like_text_is_kept_verbatim()
    {
        var product = await _api.CreateProductAsync(stock: 5);
        var admin = await _api.SharedAdminAsync();
        var reason = BadBodies.CodeLikeText["select … from in a sentence"];

        var response = await admin.PostAsJsonAsync($"/api/inventory/{product.Sku}/adjustments", new { delta = 2, reason });

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var history = await (await admin.GetAsync($"/api/inventory/{product.Sku}/adjustments")).Json();
        Assert.Contains(history.GetProperty("items").EnumerateArray(), a => a.GetProperty("reason").GetString() == reason);
    }

    [Fact]
    public async Task A_password_with_quotes_and_dashes_opens_an_account_that_signs_in()
    {
        var email = Api.UniqueEmail("quotes");
        const string password = "x'; DROP TABLE users; --A1";

        var response = await _api.Anonymous().PostAsJsonAsync("/api/auth/register", new { email, password });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.LoginAsync(email, password)).StatusCode);
    }
}

public sealed class KeepingCodeLikeTextOnSqlite(SqliteShop shop) : KeepingCodeLikeText(shop), IClassFixture<SqliteShop>;

public sealed class KeepingCodeLikeTextOnPostgres(PostgresShop shop) : KeepingCodeLikeText(shop), IClassFixture<PostgresShop>;
