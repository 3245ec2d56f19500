using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace CloudMart.Tests.AI.Chat.Fakes;

/// <summary>Stands in for the Assistant module's offline engine: answers every question, and counts them.</summary>
public sealed class OfflineAssistantDouble : IChatClient
{
    public const string Prefix = "Offline assistant here";
    private int _calls;

    public int Calls => _calls;

    public static string AnswerTo(string question) => $"{Prefix}: {question}";

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, AnswerTo(messages.Last(m => m.Role == ChatRole.User).Text))));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var answer = (await GetResponseAsync(messages, options, cancellationToken)).Text;
        foreach (var part in answer.Split(':'))
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, part == Prefix ? part + ":" : part);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
