using CloudMart.Modules.Recommendations.Data;
using CloudMart.Modules.Recommendations.Training;
using CloudMart.Platform.Messaging;
using CloudMart.Tests.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMart.Tests.Recommendations;

/// <summary>The three recommendation routes through HTTP, with orders settling through the real event pipeline.</summary>
public abstract class RecommendingProducts(ShopFactory shop)
{
    private readonly Api _api = shop.Api();
    private readonly Shoppers _shoppers = new(shop, shop.Api());

    private static readonly string[] SummaryFields =
        ["id", "sku", "slug", "name", "price", "currency", "categorySlug", "imageUrl", "rating", "reviewCount", "available", "score", "reason"];

    [Fact]
    public async Task Also_bought_lists_what_the_same_customers_bought_best_match_first_once_enough_of_them_did()
    {
        var tent = await _shoppers.ProductAsync("Two-Person Tent");
        var pegs = await _shoppers.ProductAsync("Tent Pegs");
        var mat = await _shoppers.ProductAsync("Sleeping Mat");
        var lantern = await _shoppers.ProductAsync("Camping Lantern");
        for (var i = 0; i < 3; i++)
        {
            await _shoppers.BuyerOfAsync(tent, pegs);
        }
        await _shoppers.BuyerOfAsync(tent, mat);
        var (matBuyer, _) = await _shoppers.BuyerOfAsync(tent);
        await _shoppers.BuyAsync(matBuyer, mat); // a second order of the same customer counts too
        await _shoppers.BuyerOfAsync(tent, lantern); // one customer is not enough support

        var items = await Shoppers.ItemsAsync(_api.Anonymous(), $"/api/recommendations/also-bought/{tent.Id}");

        Assert.Equal([pegs.Id, mat.Id], items.Select(Shoppers.Id));
        Assert.True(items[0].GetProperty("score").GetDouble() > items[1].GetProperty("score").GetDouble());
        Assert.All(items, item => Assert.Equal("Often bought with Two-Person Tent", Shoppers.Reason(item)));
        Assert.All(SummaryFields, field => Assert.True(items[0].TryGetProperty(field, out _), $"missing {field}"));
        Assert.Equal(pegs.Sku, items[0].GetProperty("sku").GetString());
        Assert.Equal([tent.Id], (await Shoppers.ItemsAsync(_api.Anonymous(), $"/api/recommendations/also-bought/{pegs.Id}")).Select(Shoppers.Id));
        Assert.Single(await Shoppers.ItemsAsync(_api.Anonymous(), $"/api/recommendations/also-bought/{tent.Id}?count=1"));
    }

    [Fact]
    public async Task Only_a_products_most_co_bought_neighbours_are_read_up_to_the_configured_limit()
    {
        var hub = await _shoppers.ProductAsync("Espresso Machine");
        var extras = new List<TestProduct>();
        foreach (var name in new[] { "Milk Jug", "Tamper", "Descaler", "Knock Box" })
        {
            extras.Add(await _shoppers.ProductAsync(name));
        }
        // Customers in common with the machine: milk jug 5, tamper 4, descaler 3, knock box 2. The limit is 3.
        for (var customers = 5; customers >= 1; customers--)
        {
            await _shoppers.BuyerOfAsync([hub, .. extras.Take(Math.Min(customers, 4))]);
        }

        var items = await Shoppers.ItemsAsync(_api.Anonymous(), $"/api/recommendations/also-bought/{hub.Id}");

        Assert.Equal(extras.Take(3).Select(e => e.Id), items.Select(Shoppers.Id));
    }

    [Fact]
    public async Task Archived_and_sold_out_products_are_never_recommended()
    {
        var kettle = await _shoppers.ProductAsync("Gooseneck Kettle");
        var filters = await _shoppers.ProductAsync("Paper Coffee Filters");
        var dripper = await _shoppers.ProductAsync("Ceramic Dripper", stock: 2);
        await _shoppers.BuyerOfAsync(kettle, filters, dripper);
        await _shoppers.BuyerOfAsync(kettle, filters, dripper); // the dripper is now sold out

        Assert.Equal([filters.Id], (await Shoppers.ItemsAsync(_api.Anonymous(), $"/api/recommendations/also-bought/{kettle.Id}")).Select(Shoppers.Id));

        await _api.ArchiveAsync(filters.Id);
        Assert.Empty(await Shoppers.ItemsAsync(_api.Anonymous(), $"/api/recommendations/also-bought/{kettle.Id}"));

        var (buyer, _) = await _shoppers.BuyerOfAsync(kettle);
        var forMe = await Shoppers.ItemsAsync(buyer.Client, "/api/recommendations/for-me?count=50");
        Assert.DoesNotContain(forMe, item => Shoppers.Id(item) == filters.Id || Shoppers.Id(item) == dripper.Id || Shoppers.Id(item) == kettle.Id);
        Assert.All(forMe, item => Assert.True(item.GetProperty("available").GetInt32() > 0));
    }

    [Fact]
    public async Task A_cancelled_order_is_taken_out_of_the_counts()
    {
        var racket = await _shoppers.ProductAsync("Badminton Racket");
        var shuttles = await _shoppers.ProductAsync("Feather Shuttlecocks");
        await _shoppers.BuyerOfAsync(racket, shuttles);
        var (second, orderId) = await _shoppers.BuyerOfAsync(racket, shuttles);
        Assert.Equal([shuttles.Id], (await Shoppers.ItemsAsync(_api.Anonymous(), $"/api/recommendations/also-bought/{racket.Id}")).Select(Shoppers.Id));

        var cancel = await second.Client.PostAsJsonAsync($"/api/orders/{orderId}/cancel", new { });
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        await _shoppers.WaitForAsync(orderId, PurchaseState.Withdrawn);

        Assert.Empty(await Shoppers.ItemsAsync(_api.Anonymous(), $"/api/recommendations/also-bought/{racket.Id}"));
        await using var scope = shop.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RecommendationsDbContext>();
        Assert.Equal(1, await db.ProductBuyers.Where(b => b.ProductId == racket.Id).Select(b => b.Buyers).SingleAsync());
        Assert.Equal(1, await db.CoPurchases.Where(p => p.ProductId == racket.Id && p.OtherProductId == shuttles.Id).Select(p => p.Together).SingleAsync());
    }

    [Fact]
    public async Task A_redelivered_order_event_changes_nothing_twice()
    {
        var easel = await _shoppers.ProductAsync("Field Easel");
        var paints = await _shoppers.ProductAsync("Watercolour Set");
        await _shoppers.BuyerOfAsync(easel, paints);
        var (_, orderId) = await _shoppers.BuyerOfAsync(easel, paints);
        var before = await CountsAsync();

        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var messaging = scope.ServiceProvider.GetRequiredService<MessagingDbContext>();
            var subscriptions = scope.ServiceProvider.GetRequiredService<EventSubscriptions>();
            var dispatcher = scope.ServiceProvider.GetRequiredService<EventDispatcher>();
            foreach (var type in new[] { "OrderPlaced", "OrderConfirmed" })
            {
                var message = await messaging.Outbox.AsNoTracking().SingleAsync(m => m.StreamId == orderId.ToString() && m.Type == type);
                var payload = subscriptions.Read(type, message.Payload);
                var handler = subscriptions.For(type).Single(s => s.Handler.StartsWith("recommendations.", StringComparison.Ordinal));
                Assert.Null((await dispatcher.RunAsync(handler, message.EventId, payload, CancellationToken.None)).Error); // the same delivery again
                Assert.Null((await dispatcher.RunAsync(handler, Guid.NewGuid(), payload, CancellationToken.None)).Error); // a copy under a new id
            }
        }

        Assert.Equal(before, await CountsAsync());
        Assert.Equal(2, before.Buyers[easel.Id]);
    }

    [Fact]
    public async Task Training_rebuilds_from_scratch_exactly_the_counts_the_events_kept()
    {
        var board = await _shoppers.ProductAsync("Chess Board");
        var clock = await _shoppers.ProductAsync("Chess Clock");
        var book = await _shoppers.ProductAsync("Openings Book");
        await _shoppers.BuyerOfAsync(board, clock, book);
        var (buyer, _) = await _shoppers.BuyerOfAsync(board, clock);
        await _shoppers.BuyAsync(buyer, book);
        var chalk = await _shoppers.ProductAsync("Tournament Score Sheets");
        var (canceller, cancelled) = await _shoppers.BuyerOfAsync(clock, book, chalk);
        Assert.Equal(HttpStatusCode.OK, (await canceller.Client.PostAsJsonAsync($"/api/orders/{cancelled}/cancel", new { })).StatusCode);
        await _shoppers.WaitForAsync(cancelled, PurchaseState.Withdrawn);
        var kept = await CountsAsync();
        Assert.DoesNotContain(chalk.Id, kept.Buyers.Keys); // counts that fall to zero leave no row behind
        Assert.DoesNotContain(kept.Pairs, p => p.Item1 == chalk.Id || p.Item2 == chalk.Id);

        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RecommendationsDbContext>();
            await db.CoPurchases.ExecuteDeleteAsync(); // lose the model
            await db.ProductBuyers.ExecuteDeleteAsync();
        }
        Assert.Empty(await Shoppers.ItemsAsync(_api.Anonymous(), $"/api/recommendations/also-bought/{board.Id}"));

        TrainingReport report;
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            report = await scope.ServiceProvider.GetRequiredService<ModelTraining>().RebuildAsync(new Progress<TrainingProgress>(), CancellationToken.None);
        }

        Assert.Equal(kept, await CountsAsync());
        Assert.True(report.Pairs >= 6);
        Assert.Equal([clock.Id, book.Id], (await Shoppers.ItemsAsync(_api.Anonymous(), $"/api/recommendations/also-bought/{board.Id}")).Select(Shoppers.Id).Order());
    }

    [Fact]
    public async Task Orders_of_one_customer_settling_at_once_are_counted_as_a_rebuild_would_count_them()
    {
        var shared = await _shoppers.ProductAsync("Sketchbook");
        var pens = new List<TestProduct>();
        for (var i = 0; i < 6; i++)
        {
            pens.Add(await _shoppers.ProductAsync($"Fineliner No. {i}"));
        }
        var customer = await _api.CustomerAsync();

        var orders = await Task.WhenAll(pens.Select(pen => Api.PlacedOrderAsync(customer.Client, (shared.Id, 1), (pen.Id, 1))));
        foreach (var order in orders)
        {
            await _shoppers.WaitForAsync(order.GetProperty("id").GetGuid(), PurchaseState.Counted);
        }
        var kept = await CountsAsync();

        Assert.Equal(1, kept.Buyers[shared.Id]);
        Assert.All(pens, pen => Assert.Contains((shared.Id, pen.Id, 1), kept.Pairs));
        Assert.Contains((pens[0].Id, pens[5].Id, 1), kept.Pairs);
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ModelTraining>().RebuildAsync(new Progress<TrainingProgress>(), CancellationToken.None);
        }
        Assert.Equal(kept, await CountsAsync());
    }

    [Fact]
    public async Task Similar_lists_products_alike_in_content_without_the_product_itself_and_only_those_on_sale()
    {
        var slug = Api.UniqueSlug("audio");
        var headphones = await SearchCatalog.ProductAsync(_api, slug, "Wireless Over-Ear Headphones", "Noise-cancelling Bluetooth headphones with 30 hours of battery.");
        var earbuds = await SearchCatalog.ProductAsync(_api, slug, "True Wireless Earbuds", "Compact in-ear Bluetooth earbuds with a charging case.");
        var studio = await SearchCatalog.ProductAsync(_api, slug, "Studio Monitor Headphones", "Closed-back wired headphones for mixing and recording.");
        var soldOut = await SearchCatalog.ProductAsync(_api, slug, "Kids Headphones", "Volume-limited wired headphones for children.", stock: 0);
        var kettle = await SearchCatalog.ProductAsync(_api, slug, "Stovetop Kettle", "A whistling stainless-steel kettle for gas and induction hobs.");
        await Vectors.AllEmbeddedAsync(shop, [headphones.Id, earbuds.Id, studio.Id, soldOut.Id, kettle.Id]);

        var items = await Shoppers.ItemsAsync(_api.Anonymous(), $"/api/recommendations/similar/{headphones.Id}?count=50");

        var ids = items.Select(Shoppers.Id).ToList();
        Assert.DoesNotContain(headphones.Id, ids);
        Assert.DoesNotContain(soldOut.Id, ids);
        Assert.True(ids.IndexOf(studio.Id) >= 0 && ids.IndexOf(studio.Id) < ids.IndexOf(kettle.Id), "headphones before kettles");
        Assert.True(ids.IndexOf(earbuds.Id) >= 0 && ids.IndexOf(earbuds.Id) < ids.IndexOf(kettle.Id), "earbuds before kettles");
        Assert.All(items, item => Assert.Equal("Similar to Wireless Over-Ear Headphones", Shoppers.Reason(item)));
        Assert.True(items.Zip(items.Skip(1)).All(p => p.First.GetProperty("score").GetDouble() >= p.Second.GetProperty("score").GetDouble()), "best first");

        await _api.ArchiveAsync(studio.Id);
        Assert.DoesNotContain(studio.Id, (await Shoppers.ItemsAsync(_api.Anonymous(), $"/api/recommendations/similar/{headphones.Id}?count=50")).Select(Shoppers.Id));
    }

    [Fact]
    public async Task Unknown_products_are_404_and_a_count_out_of_range_is_400()
    {
        var anonymous = _api.Anonymous();
        var product = await _shoppers.ProductAsync("Plain Notebook");
        foreach (var route in new[] { "similar", "also-bought" })
        {
            await (await anonymous.GetAsync($"/api/recommendations/{route}/{Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound);
            foreach (var count in new[] { "0", "51", "-3" })
            {
                var problem = await (await anonymous.GetAsync($"/api/recommendations/{route}/{product.Id}?count={count}")).Problem(HttpStatusCode.BadRequest);
                Assert.True(problem.GetProperty("errors").TryGetProperty("count", out _));
            }
            Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync($"/api/recommendations/{route}/{product.Id}?count=lots")).StatusCode);
        }
        var customer = await _api.SharedCustomerAsync();
        await (await customer.Client.GetAsync("/api/recommendations/for-me?count=0")).Problem(HttpStatusCode.BadRequest);
        await (await customer.Client.PostAsync($"/api/recommendations/views/{Guid.NewGuid()}", null)).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task For_me_and_recording_views_need_a_signed_in_customer()
    {
        var product = await _shoppers.ProductAsync("Desk Lamp");
        var anonymous = _api.Anonymous();

        await (await anonymous.GetAsync("/api/recommendations/for-me")).Problem(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsync($"/api/recommendations/views/{product.Id}", null)).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_new_customer_gets_the_best_sellers_on_sale()
    {
        var bestSeller = await _shoppers.ProductAsync("Enamel Camp Mug");
        var soldOutBestSeller = await _shoppers.ProductAsync("Limited Print", stock: 4);
        var runnerUp = await _shoppers.ProductAsync("Bamboo Spork");
        for (var i = 0; i < 4; i++)
        {
            await _shoppers.BuyerOfAsync(bestSeller, soldOutBestSeller);
        }
        await _shoppers.BuyerOfAsync(runnerUp);
        var newcomer = await _api.CustomerAsync();

        var items = await Shoppers.ItemsAsync(newcomer.Client, "/api/recommendations/for-me?count=50");

        var ids = items.Select(Shoppers.Id).ToList();
        Assert.Contains(bestSeller.Id, ids);
        Assert.Contains(runnerUp.Id, ids);
        Assert.True(ids.IndexOf(bestSeller.Id) < ids.IndexOf(runnerUp.Id));
        Assert.DoesNotContain(soldOutBestSeller.Id, ids);
        Assert.All(items, item => Assert.Contains(Shoppers.Reason(item), new[] { "Popular right now", "Top rated" }));
        var popular = items.TakeWhile(item => Shoppers.Reason(item) == "Popular right now").ToList();
        Assert.True(popular.Zip(popular.Skip(1)).All(p => p.First.GetProperty("score").GetDouble() >= p.Second.GetProperty("score").GetDouble()), "best-sellers first");
    }

    [Fact]
    public async Task For_me_offers_what_customers_with_the_same_purchases_bought_and_never_what_the_customer_already_has()
    {
        var grinder = await _shoppers.ProductAsync("Burr Coffee Grinder");
        var scale = await _shoppers.ProductAsync("Pour-Over Scale");
        await _shoppers.BuyerOfAsync(grinder, scale);
        await _shoppers.BuyerOfAsync(grinder, scale);
        var (customer, _) = await _shoppers.BuyerOfAsync(grinder);

        var items = await Shoppers.ItemsAsync(customer.Client, "/api/recommendations/for-me");

        Assert.Equal(scale.Id, Shoppers.Id(items[0]));
        Assert.Equal("Because you bought Burr Coffee Grinder", Shoppers.Reason(items[0]));
        Assert.DoesNotContain(items, item => Shoppers.Id(item) == grinder.Id);
        Assert.InRange(items.Count, 1, 10);
    }

    [Fact]
    public async Task Products_a_customer_viewed_shape_their_list()
    {
        var bike = await _shoppers.ProductAsync("Gravel Bike");
        var helmet = await _shoppers.ProductAsync("Cycling Helmet");
        await _shoppers.BuyerOfAsync(bike, helmet);
        await _shoppers.BuyerOfAsync(bike, helmet);
        var browser = await _api.CustomerAsync();

        var view = await browser.Client.PostAsync($"/api/recommendations/views/{bike.Id}", null);
        Assert.Equal(HttpStatusCode.NoContent, view.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.Client.PostAsync($"/api/recommendations/views/{bike.Id}", null)).StatusCode);

        var items = await Shoppers.ItemsAsync(browser.Client, "/api/recommendations/for-me");
        Assert.Equal(helmet.Id, Shoppers.Id(items[0]));
        Assert.Equal("Because you viewed Gravel Bike", Shoppers.Reason(items[0]));
        await using var scope = shop.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RecommendationsDbContext>();
        Assert.Equal(2, await db.Views.Where(v => v.CustomerId == browser.Id && v.ProductId == bike.Id).Select(v => v.Views).SingleAsync());

        await _api.ArchiveAsync(helmet.Id);
        Assert.DoesNotContain(await Shoppers.ItemsAsync(browser.Client, "/api/recommendations/for-me"), item => Shoppers.Id(item) == helmet.Id);
        await (await browser.Client.PostAsync($"/api/recommendations/views/{helmet.Id}", null)).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Without_co_purchases_for_me_offers_products_alike_in_content_to_those_viewed()
    {
        var slug = Api.UniqueSlug("bees");
        var smoker = await SearchCatalog.ProductAsync(_api, slug, "Beekeeping Smoker", "A stainless smoker that calms honey bees while you open the hive.");
        var veil = await SearchCatalog.ProductAsync(_api, slug, "Beekeeper Veil", "A mesh veil that keeps bees away from your face at the hive.");
        var hiveTool = await SearchCatalog.ProductAsync(_api, slug, "Hive Tool", "A flat steel bar for prising apart beehive frames.");
        await Vectors.AllEmbeddedAsync(shop, [smoker.Id, veil.Id, hiveTool.Id]);
        var customer = await _api.CustomerAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await customer.Client.PostAsync($"/api/recommendations/views/{smoker.Id}", null)).StatusCode);

        var items = await Shoppers.ItemsAsync(customer.Client, "/api/recommendations/for-me");

        var alike = items.Where(item => Shoppers.Reason(item) == "Similar to items you bought or viewed").Select(Shoppers.Id).ToList();
        Assert.NotEmpty(alike);
        Assert.Contains(alike[0], new[] { veil.Id, hiveTool.Id });
    }

    private sealed record Counts(Dictionary<Guid, int> Buyers, HashSet<(Guid, Guid, int)> Pairs)
    {
        public bool Equals(Counts? other) =>
            other is not null && Buyers.Count == other.Buyers.Count && !Buyers.Except(other.Buyers).Any() && Pairs.SetEquals(other.Pairs);

        public override int GetHashCode() => Buyers.Count;
    }

    private async Task<Counts> CountsAsync()
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RecommendationsDbContext>();
        var buyers = await db.ProductBuyers.AsNoTracking().ToDictionaryAsync(b => b.ProductId, b => b.Buyers);
        var pairs = (await db.CoPurchases.AsNoTracking().ToListAsync()).Select(p => (p.ProductId, p.OtherProductId, p.Together)).ToHashSet();
        return new Counts(buyers, pairs);
    }
}

public sealed class RecommendingProductsOnSqlite(SqliteRecommendationShop shop) : RecommendingProducts(shop), IClassFixture<SqliteRecommendationShop>;

public sealed class RecommendingProductsOnPostgres(PostgresRecommendationShop shop) : RecommendingProducts(shop), IClassFixture<PostgresRecommendationShop>;
