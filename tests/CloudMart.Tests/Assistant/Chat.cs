namespace CloudMart.Tests.Assistant;

/// <summary>Talks to /api/assistant/chat as a client would, one conversation at a time.</summary>
public sealed class Chat(HttpClient client)
{
    public Guid? ConversationId { get; private set; }

    public async Task<JsonElement> SayAsync(string message)
    {
        var response = await client.PostAsJsonAsync("/api/assistant/chat", new { conversationId = ConversationId, message });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var reply = await response.Json();
        ConversationId = reply.GetProperty("conversationId").GetGuid();
        return reply;
    }

    public static string Reply(JsonElement reply) => reply.GetProperty("reply").GetString()!;

    public static string? Intent(JsonElement reply) => reply.GetProperty("intent").GetString();

    public static IReadOnlyList<JsonElement> Actions(JsonElement reply) => reply.GetProperty("actions").EnumerateArray().ToList();

    public static IReadOnlyList<string> ProductNames(JsonElement reply) =>
        reply.GetProperty("products").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToList();
}
