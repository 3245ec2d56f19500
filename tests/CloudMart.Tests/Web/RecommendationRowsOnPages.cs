using System.Text.RegularExpressions;
using CloudMart.Modules.Recommendations.Data;
using CloudMart.Tests.Catalog;
using CloudMart.Tests.Recommendations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMart.Tests.Web;

/// <summary>The "often bought together", "similar products" and "picked for you" rows, as the pages' HTML shows them.</summary>
public abstract partial class RecommendationRowsOnPages(ShopFactory shop)
{
    private readonly Api _api = shop.Api();
    private readonly Shoppers _shoppers = new(shop, shop.Api());

    private HttpClient Visitor() => shop.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task A_product_page_shows_what_its_buyers_also_bought_and_never_archived_or_sold_out_products()
    {
        var stove = await _shoppers.ProductAsync("Row Camping Stove");
        var gas = await _shoppers.ProductAsync("Row Gas Canister");
        var pot = await _shoppers.ProductAsync("Row Cooking Pot");
        var mug = await _shoppers.ProductAsync("Row Enamel Mug", stock: 2);
        await _shoppers.BuyerOfAsync(stove, gas, pot, mug);
        await _shoppers.BuyerOfAsync(stove, gas, pot, mug); // the mug is now sold out
        await _api.ArchiveAsync(pot.Id);

        var html = await Visitor().GetStringAsync($"/p/{stove.Id}");

        var row = Row(html, "bought-together");
        Assert.NotNull(row);
        Assert.Contains("<h2 id=\"bought-together-heading\">Often bought together</h2>", row, StringComparison.Ordinal);
        Assert.Equal(["Row Gas Canister"], CardNames(row));
        Assert.DoesNotContain("Row Camping Stove", CardNames(row));
    }

    [Fact]
    public async Task A_product_nobody_bought_has_no_bought_together_row_on_its_page_or_in_the_cart()
    {
        var lonely = await _shoppers.ProductAsync("Row Lonely Lamp");
        var customer = await _api.CustomerAsync();
        Assert.True((await customer.Client.PutAsJsonAsync($"/api/cart/items/{lonely.Id}", new { quantity = 1 })).IsSuccessStatusCode);

        Assert.Null(Row(await Visitor().GetStringAsync($"/p/{lonely.Id}"), "bought-together"));
        var cart = await (await PageClientAsync(customer)).GetStringAsync("/cart");
        Assert.Contains("Row Lonely Lamp", cart, StringComparison.Ordinal);
        Assert.DoesNotContain("Often bought together", cart, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cart_shows_what_buyers_of_its_products_also_bought_but_not_what_is_already_in_it()
    {
        var easel = await _shoppers.ProductAsync("Row Easel");
        var canvas = await _shoppers.ProductAsync("Row Canvas");
        var brushes = await _shoppers.ProductAsync("Row Brushes");
        var paints = await _shoppers.ProductAsync("Row Paints", stock: 100);
        await _shoppers.BuyerOfAsync(easel, canvas, brushes, paints);
        await _shoppers.BuyerOfAsync(easel, canvas, brushes);
        var customer = await _api.CustomerAsync();
        foreach (var product in new[] { easel, canvas })
        {
            Assert.True((await customer.Client.PutAsJsonAsync($"/api/cart/items/{product.Id}", new { quantity = 1 })).IsSuccessStatusCode);
        }

        var html = await (await PageClientAsync(customer)).GetStringAsync("/cart");

        var row = Row(html, "bought-together");
        Assert.NotNull(row);
        Assert.Equal(["Row Brushes"], CardNames(row)); // paints were bought with them once only: not enough support
    }

    [Fact]
    public async Task A_product_page_shows_similar_products_on_sale_without_the_product_itself()
    {
        var category = Api.UniqueSlug("rows");
        var tent = await SearchCatalog.ProductAsync(_api, category, "Row Dome Tent for Two", "A light two-person dome tent for backpacking.");
        var tunnel = await SearchCatalog.ProductAsync(_api, category, "Row Tunnel Tent for Four", "A roomy four-person tunnel tent for family camping.");
        var soldOut = await SearchCatalog.ProductAsync(_api, category, "Row Pop-Up Beach Tent", "A pop-up beach tent with sun protection.", stock: 0);
        await Vectors.AllEmbeddedAsync(shop, [tent.Id, tunnel.Id, soldOut.Id]);

        var html = await Visitor().GetStringAsync($"/p/{tent.Id}");

        var row = Row(html, "similar");
        Assert.NotNull(row);
        Assert.Contains("Similar products", row, StringComparison.Ordinal);
        var names = CardNames(row);
        Assert.Contains("Row Tunnel Tent for Four", names);
        Assert.DoesNotContain("Row Dome Tent for Two", names);
        Assert.DoesNotContain("Row Pop-Up Beach Tent", names);
        Assert.InRange(names.Count, 1, 5);
    }

    [Fact]
    public async Task Signed_in_shoppers_get_picks_on_the_home_page_and_their_product_views_are_recorded()
    {
        var customer = await _api.CustomerAsync();
        var bought = await _shoppers.ProductAsync("Row Already Bought Blender");
        await _shoppers.BuyAsync(customer, bought);
        var pages = await PageClientAsync(customer);
        var viewed = await _shoppers.ProductAsync("Row Viewed Juicer");

        await pages.GetStringAsync($"/p/{viewed.Id}");
        var home = await pages.GetStringAsync("/");

        var row = Row(home, "for-you");
        Assert.NotNull(row);
        Assert.Contains("Picked for you", row, StringComparison.Ordinal);
        Assert.InRange(CardNames(row).Count, 1, 5);
        Assert.DoesNotContain("Row Already Bought Blender", CardNames(row));
        await using var scope = shop.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RecommendationsDbContext>();
        Assert.True(await db.Views.AnyAsync(v => v.CustomerId == customer.Id && v.ProductId == viewed.Id), "the view was not recorded");
    }

    [Fact]
    public async Task Anonymous_visitors_get_no_picks_and_record_no_views()
    {
        var product = await _shoppers.ProductAsync("Row Anonymous Toaster");

        await Visitor().GetStringAsync($"/p/{product.Id}");
        var home = await Visitor().GetStringAsync("/");

        Assert.Null(Row(home, "for-you"));
        await using var scope = shop.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RecommendationsDbContext>();
        Assert.False(await db.Views.AnyAsync(v => v.ProductId == product.Id));
    }

    /// <summary>A browser-like client signed in through the sign-in page (the shop's cookie), for the customer's pages.</summary>
    private async Task<HttpClient> PageClientAsync(Customer customer)
    {
        var client = shop.CreateClient();
        var form = await client.GetStringAsync("/account/sign-in");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in", ["__RequestVerificationToken"] = token, ["Input.Email"] = customer.Email, ["Input.Password"] = customer.Password,
        }));
        Assert.True(response.IsSuccessStatusCode, $"sign-in: {(int)response.StatusCode}");
        Assert.Contains("Sign out", await client.GetStringAsync("/"), StringComparison.Ordinal);
        return client;
    }

    private static string? Row(string html, string id)
    {
        var match = Regex.Match(html, $"<section class=\"recommendations\" id=\"{id}\".*?</section>", RegexOptions.Singleline);
        return match.Success ? match.Value : null;
    }

    private static List<string> CardNames(string row) =>
        CardTitle().Matches(row).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    [GeneratedRegex("<h3 class=\"card__title\"><a href=\"[^\"]+\">([^<]+)</a></h3>")]
    private static partial Regex CardTitle();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed class RecommendationRowsOnSqlite(SqliteRecommendationShop shop) : RecommendationRowsOnPages(shop), IClassFixture<SqliteRecommendationShop>;

public sealed class RecommendationRowsOnPostgres(PostgresRecommendationShop shop) : RecommendationRowsOnPages(shop), IClassFixture<PostgresRecommendationShop>;
