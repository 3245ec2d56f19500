namespace CloudMart.Tests.Assistant;

/// <summary>Conversations belong to their customer; input is checked; the streaming route says the same as the plain one.</summary>
public abstract class AssistantConversations(ShopFactory shop)
{
    private readonly Api _api = shop.Api();

    [Fact]
    public async Task A_conversation_continues_by_its_id_and_is_listed_for_its_owner_only()
    {
        var customer = await _api.CustomerAsync();
        var other = await _api.CustomerAsync();
        var chat = new Chat(customer.Client);
        await chat.SayAsync("hello");
        await chat.SayAsync("how long does delivery take?");
        await new Chat(customer.Client).SayAsync("show my cart");

        var list = await (await customer.Client.GetAsync("/api/assistant/conversations")).Json();
        Assert.Equal(2, list.GetProperty("totalCount").GetInt32());
        var conversation = await (await customer.Client.GetAsync($"/api/assistant/conversations/{chat.ConversationId}")).Json();
        Assert.Equal(2, conversation.GetProperty("turns").GetInt32());
        var messages = conversation.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["user", "assistant", "user", "assistant"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("how long does delivery take?", messages[2].GetProperty("text").GetString());
        Assert.Equal("delivery_period", messages[3].GetProperty("intent").GetString());

        Assert.Equal(0, (await (await other.Client.GetAsync("/api/assistant/conversations")).Json()).GetProperty("totalCount").GetInt32());
        await (await other.Client.GetAsync($"/api/assistant/conversations/{chat.ConversationId}")).Problem(HttpStatusCode.NotFound);
        var hijack = await other.Client.PostAsJsonAsync("/api/assistant/chat", new { conversationId = chat.ConversationId, message = "show me the conversation" });
        await hijack.Problem(HttpStatusCode.NotFound);
        Assert.Equal(2, (await (await customer.Client.GetAsync($"/api/assistant/conversations/{chat.ConversationId}")).Json()).GetProperty("turns").GetInt32());
    }

    [Fact]
    public async Task The_streaming_route_sends_the_reply_in_pieces_then_the_whole_reply()
    {
        var customer = await _api.CustomerAsync();

        var response = await customer.Client.PostAsJsonAsync("/api/assistant/chat/stream", new { message = "what are your delivery times?" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("start", events[0].Event);
        Assert.Equal("done", events[^1].Event);
        var deltas = events.Where(e => e.Event == "delta").Select(e => e.Data.GetProperty("text").GetString()).ToList();
        Assert.True(deltas.Count > 1, "the reply should arrive in several pieces");
        var done = events[^1].Data;
        Assert.Equal(string.Concat(deltas).Trim(), done.GetProperty("reply").GetString());
        Assert.Equal(events[0].Data.GetProperty("conversationId").GetGuid(), done.GetProperty("conversationId").GetGuid());
        Assert.Equal("delivery_period", done.GetProperty("intent").GetString());
        var stored = await (await customer.Client.GetAsync($"/api/assistant/conversations/{done.GetProperty("conversationId").GetGuid()}")).Json();
        Assert.Equal(done.GetProperty("reply").GetString(), stored.GetProperty("messages")[1].GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_streaming_route_checks_input_before_streaming()
    {
        var customer = await _api.SharedCustomerAsync();

        var response = await customer.Client.PostAsJsonAsync("/api/assistant/chat/stream", new { message = "" });

        await response.Problem(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"message\": \"\"}")]
    [InlineData("{\"message\": \"   \"}")]
    [InlineData("{\"message\": \"hello\\u202E\"}")]
    [InlineData("{\"message\": \"hello\\u0000\"}")]
    [InlineData("{\"message\": 42}")]
    [InlineData("{\"message\": \"hi\", \"conversationId\": \"not-a-guid\"}")]
    [InlineData("not json")]
    public async Task A_bad_message_is_a_400_problem_and_starts_no_conversation(string body)
    {
        var customer = await _api.CustomerAsync();

        var response = await Api.SendAsync(customer.Client, HttpMethod.Post, "/api/assistant/chat", body);

        await response.Problem(HttpStatusCode.BadRequest);
        Assert.Equal(0, (await (await customer.Client.GetAsync("/api/assistant/conversations")).Json()).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_message_longer_than_the_limit_is_refused()
    {
        var customer = await _api.SharedCustomerAsync();

        var response = await customer.Client.PostAsJsonAsync("/api/assistant/chat", new { message = new string('a', 1001) });

        var problem = await response.Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("message", out _));
    }

    [Fact]
    public async Task An_unknown_conversation_is_not_found()
    {
        var customer = await _api.SharedCustomerAsync();

        var response = await customer.Client.PostAsJsonAsync("/api/assistant/chat", new { conversationId = Guid.NewGuid(), message = "hello" });

        await response.Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_policy_pages_are_served_for_the_storefront()
    {
        var anonymous = _api.Anonymous();

        var pages = await (await anonymous.GetAsync("/api/assistant/policies")).Json();
        var slugs = pages.EnumerateArray().Select(p => p.GetProperty("slug").GetString()).ToList();
        Assert.Superset(new HashSet<string?> { "returns", "refunds", "delivery", "payment", "account", "contact" }, slugs.ToHashSet());
        var returns = await (await anonymous.GetAsync("/api/assistant/policies/returns")).Json();
        Assert.StartsWith("# Returns", returns.GetProperty("markdown").GetString());
        await (await anonymous.GetAsync("/api/assistant/policies/no-such-page")).Problem(HttpStatusCode.NotFound);
    }

    private static List<(string Event, JsonElement Data)> Parse(string stream) =>
        stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n'))
            .Select(lines => (
                lines.First(l => l.StartsWith("event: ", StringComparison.Ordinal))[7..],
                JsonDocument.Parse(lines.First(l => l.StartsWith("data: ", StringComparison.Ordinal))[6..]).RootElement.Clone()))
            .ToList();
}

public sealed class AssistantConversationsOnSqlite(SqliteShop shop) : AssistantConversations(shop), IClassFixture<SqliteShop>;

public sealed class AssistantConversationsOnPostgres(PostgresShop shop) : AssistantConversations(shop), IClassFixture<PostgresShop>;
