namespace CloudMart.Tests.Assistant;

/// <summary>The offline assistant's main flows, end to end through HTTP, answered from the shop's real data.</summary>
public abstract class TalkingToTheAssistant(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    private async Task<(Customer Customer, string Number, Guid OrderId)> CustomerWithOrderAsync()
    {
        var product = await _api.CreateProductAsync(stock: 50, price: 12m);
        var customer = await _api.CustomerAsync();
        var order = await Api.PlacedOrderAsync(customer.Client, (product.Id, 2));
        return (customer, order.GetProperty("number").GetString()!, order.GetProperty("id").GetGuid());
    }

    private static async Task<string> StatusOfAsync(HttpClient client, Guid orderId) =>
        (await (await client.GetAsync($"/api/orders/{orderId}")).Json()).GetProperty("status").GetString()!;

    [Fact]
    public async Task Tracking_an_order_by_its_number_tells_its_status()
    {
        var (customer, number, _) = await CustomerWithOrderAsync();

        var reply = await new Chat(customer.Client).SayAsync($"Where is my order {number}?");

        Assert.Equal("track_order", Chat.Intent(reply));
        Assert.Contains(number, Chat.Reply(reply));
        Assert.Contains("placed", Chat.Reply(reply), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Tracking_without_a_number_asks_which_order_and_the_answer_is_understood()
    {
        var (customer, first, _) = await CustomerWithOrderAsync();
        var product = await _api.CreateProductAsync(stock: 5);
        var second = (await Api.PlacedOrderAsync(customer.Client, (product.Id, 1))).GetProperty("number").GetString()!;
        var chat = new Chat(customer.Client);

        var question = await chat.SayAsync("where is my order?");
        Assert.Contains("Which order", Chat.Reply(question));
        Assert.Contains(first, Chat.Reply(question));
        Assert.Contains(second, Chat.Reply(question));

        var answer = await chat.SayAsync(first.ToLowerInvariant());
        Assert.Equal("track_order", Chat.Intent(answer));
        Assert.Contains($"Order {first}", Chat.Reply(answer));
    }

    [Fact]
    public async Task After_talking_about_an_order_cancel_it_means_that_order()
    {
        var product = await _api.CreateProductAsync(stock: 5);
        var customer = await _api.CustomerAsync();
        var order = await Api.PlacedOrderAsync(customer.Client, (product.Id, 1));
        var number = order.GetProperty("number").GetString()!;
        var chat = new Chat(customer.Client);

        var status = await chat.SayAsync("where is my order?");
        Assert.Contains(number, Chat.Reply(status));

        var proposal = await chat.SayAsync("please cancel it");
        var proposed = Assert.Single(Chat.Actions(proposal));
        Assert.Equal(number, proposed.GetProperty("orderNumber").GetString());
        Assert.Equal("needs-confirmation", proposed.GetProperty("status").GetString());

        await chat.SayAsync("yes");
        Assert.Equal("Cancelled", await StatusOfAsync(customer.Client, order.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task A_search_phrased_as_a_sentence_searches_for_the_things_named()
    {
        var sku = "BLNK-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await _api.CreateProductAsync(stock: 5, sku: sku);
        var customer = await _api.CustomerAsync();

        var reply = await new Chat(customer.Client).SayAsync("I am looking for a warm blanket");

        Assert.Equal("search_products", Chat.Intent(reply));
        Assert.Contains("\"warm blanket\"", Chat.Reply(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_asks_for_confirmation_and_cancels_only_after_yes()
    {
        var (customer, number, orderId) = await CustomerWithOrderAsync();
        var chat = new Chat(customer.Client);

        var proposal = await chat.SayAsync($"Please cancel order {number}");
        var proposed = Assert.Single(Chat.Actions(proposal));
        Assert.Equal("cancel-order", proposed.GetProperty("type").GetString());
        Assert.Equal("needs-confirmation", proposed.GetProperty("status").GetString());
        Assert.Equal(number, proposed.GetProperty("orderNumber").GetString());
        Assert.Equal("Placed", await StatusOfAsync(customer.Client, orderId));

        var confirmation = await chat.SayAsync("yes please");
        var done = Assert.Single(Chat.Actions(confirmation));
        Assert.Equal("done", done.GetProperty("status").GetString());
        Assert.Equal("Cancelled", await StatusOfAsync(customer.Client, orderId));
    }

    [Fact]
    public async Task Cancelling_without_a_number_asks_which_order_then_confirms()
    {
        var (customer, number, orderId) = await CustomerWithOrderAsync();
        var product = await _api.CreateProductAsync(stock: 5);
        await Api.PlacedOrderAsync(customer.Client, (product.Id, 1));
        var chat = new Chat(customer.Client);

        Assert.Contains("Which order would you like to cancel", Chat.Reply(await chat.SayAsync("I want to cancel an order")));
        var proposal = await chat.SayAsync(number);
        Assert.Equal("needs-confirmation", Assert.Single(Chat.Actions(proposal)).GetProperty("status").GetString());
        await chat.SayAsync("yes");

        Assert.Equal("Cancelled", await StatusOfAsync(customer.Client, orderId));
    }

    [Fact]
    public async Task Saying_no_to_a_proposed_cancellation_keeps_the_order()
    {
        var (customer, number, orderId) = await CustomerWithOrderAsync();
        var chat = new Chat(customer.Client);

        await chat.SayAsync($"cancel {number}");
        var reply = await chat.SayAsync("no, keep it");

        Assert.Contains("won't cancel", Chat.Reply(reply));
        Assert.Empty(Chat.Actions(reply));
        Assert.Equal("Placed", await StatusOfAsync(customer.Client, orderId));
        var later = await chat.SayAsync("yes");
        Assert.DoesNotContain(Chat.Actions(later), a => a.GetProperty("status").GetString() == "done");
        Assert.Equal("Placed", await StatusOfAsync(customer.Client, orderId));
    }

    [Fact]
    public async Task A_shipped_order_cannot_be_cancelled_through_the_assistant_either()
    {
        var (customer, number, orderId) = await CustomerWithOrderAsync();
        await _api.ConfirmPaymentAsync(orderId);
        var admin = await _api.SharedAdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/orders/{orderId}/ship", new { carrier = "ParcelCo", trackingNumber = "PC123" })).StatusCode);

        var reply = await new Chat(customer.Client).SayAsync($"cancel order {number}");

        Assert.Equal("refused", Assert.Single(Chat.Actions(reply)).GetProperty("status").GetString());
        Assert.Contains("can no longer be cancelled", Chat.Reply(reply));
        Assert.Equal("Shipped", await StatusOfAsync(customer.Client, orderId));
    }

    [Fact]
    public async Task The_refund_policy_is_answered_from_the_shops_refund_page()
    {
        var customer = await _api.SharedCustomerAsync();

        var reply = await new Chat(customer.Client).SayAsync("How long does it take to get my money back?");

        Assert.Equal("check_refund_policy", Chat.Intent(reply));
        Assert.Contains("From our Refunds page", Chat.Reply(reply));
        Assert.Contains("working days", Chat.Reply(reply));
    }

    [Fact]
    public async Task Delivery_times_are_answered_from_the_delivery_page()
    {
        var customer = await _api.SharedCustomerAsync();

        var reply = await new Chat(customer.Client).SayAsync("how many days does shipping take?");

        Assert.Equal("delivery_period", Chat.Intent(reply));
        Assert.Contains("Delivery times", Chat.Reply(reply));
        Assert.Contains("2 to 4 working days", Chat.Reply(reply));
    }

    [Fact]
    public async Task Searching_finds_products_by_the_words_a_customer_uses()
    {
        await _api.NamedProductAsync("Striped Storm Umbrella", stock: 8, price: 25m, category: "rainwear");
        await _api.NamedProductAsync("Quilted Winter Parka", stock: 3, price: 140m, category: "rainwear");
        var customer = await _api.SharedCustomerAsync();

        var reply = await new Chat(customer.Client).SayAsync("do you have umbrellas?");

        Assert.Equal("search_products", Chat.Intent(reply));
        Assert.Contains("Striped Storm Umbrella", Chat.ProductNames(reply));
        Assert.DoesNotContain("Quilted Winter Parka", Chat.ProductNames(reply));
        Assert.Contains("Striped Storm Umbrella", Chat.Reply(reply));
    }

    [Fact]
    public async Task Adding_a_shown_product_to_the_cart_puts_it_in_the_customers_cart()
    {
        var product = await _api.NamedProductAsync("Walnut Serving Board", stock: 10, price: 30m, category: "kitchen");
        var customer = await _api.CustomerAsync();
        var chat = new Chat(customer.Client);

        await chat.SayAsync("I'm looking for a walnut serving board");
        var reply = await chat.SayAsync("add two of the first one to my cart");

        var action = Assert.Single(Chat.Actions(reply));
        Assert.Equal("add-to-cart", action.GetProperty("type").GetString());
        Assert.Equal("done", action.GetProperty("status").GetString());
        var cart = await (await customer.Client.GetAsync("/api/cart")).Json();
        var line = Assert.Single(cart.GetProperty("items").EnumerateArray());
        Assert.Equal(product.Id, line.GetProperty("productId").GetGuid());
        Assert.Equal(2, line.GetProperty("quantity").GetInt32());
        Assert.Contains("Walnut Serving Board", Chat.Reply(await chat.SayAsync("what's in my basket?")));
    }

    [Fact]
    public async Task Asking_for_a_person_opens_a_ticket_with_the_transcript_for_staff()
    {
        var customer = await _api.CustomerAsync();
        var chat = new Chat(customer.Client);
        await chat.SayAsync("hello");

        var reply = await chat.SayAsync("I want to speak to a human agent");

        var action = Assert.Single(Chat.Actions(reply));
        Assert.Equal("hand-over", action.GetProperty("type").GetString());
        var number = action.GetProperty("ticketNumber").GetString()!;
        var support = await _api.SharedSupportAsync();
        var tickets = await (await support.Client.GetAsync($"/api/support/tickets?customerId={customer.Id}")).Json();
        var ticket = Assert.Single(tickets.GetProperty("items").EnumerateArray());
        Assert.Equal(number, ticket.GetProperty("number").GetString());
        Assert.Equal(chat.ConversationId, ticket.GetProperty("conversationId").GetGuid());
        var transcript = ticket.GetProperty("transcript").GetString()!;
        Assert.Contains("customer: hello", transcript);
        Assert.Contains("customer: I want to speak to a human agent", transcript);
        var mine = await (await customer.Client.GetAsync("/api/support/tickets/mine")).Json();
        Assert.Equal(1, mine.GetProperty("totalCount").GetInt32());
        var id = ticket.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await customer.Client.GetAsync($"/api/support/tickets/{id}")).StatusCode);
        var other = await _api.CustomerAsync();
        await (await other.Client.GetAsync($"/api/support/tickets/{id}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_complaint_is_handed_over_to_a_person()
    {
        var customer = await _api.CustomerAsync();

        var reply = await new Chat(customer.Client).SayAsync("I want to file a complaint about your terrible service");

        Assert.Equal("complaint", Chat.Intent(reply));
        Assert.Equal("hand-over", Assert.Single(Chat.Actions(reply)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_greeting_is_answered_without_acting()
    {
        var reply = await new Chat((await _api.SharedCustomerAsync()).Client).SayAsync("hi there");

        Assert.Equal("greeting", Chat.Intent(reply));
        Assert.Empty(Chat.Actions(reply));
    }

    [Fact]
    public async Task A_number_in_another_shops_format_is_explained()
    {
        var reply = await new Chat((await _api.SharedCustomerAsync()).Client).SayAsync("113542617735902");

        Assert.Contains("CM-000123", Chat.Reply(reply));
    }
}

public sealed class TalkingToTheAssistantOnSqlite(SqliteShop shop) : TalkingToTheAssistant(shop), IClassFixture<SqliteShop>;

public sealed class TalkingToTheAssistantOnPostgres(PostgresShop shop) : TalkingToTheAssistant(shop), IClassFixture<PostgresShop>;
