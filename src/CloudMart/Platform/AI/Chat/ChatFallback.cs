using System.ClientModel;
using System.Net;
using Anthropic.Exceptions;
using Microsoft.Extensions.AI;
using Polly.CircuitBreaker;

namespace CloudMart.Platform.AI.Chat;

/// <summary>
/// How an answer says that the cloud model failed and the built-in assistant answered instead. The marks travel in
/// <see cref="ChatResponse.AdditionalProperties"/> (and on the first streamed update) so the chat API can show the notice.
/// </summary>
internal static class ChatFallback
{
    /// <summary>True when the answer did not come from the configured cloud model.</summary>
    public const string FallbackKey = "cloudmart.fallback";

    /// <summary>Why: timeout, rate-limited, unavailable, auth, network, circuit-open, interrupted or error.</summary>
    public const string ReasonKey = "cloudmart.fallback.reason";

    /// <summary>A sentence for the customer.</summary>
    public const string NoticeKey = "cloudmart.notice";

    public const string OfflineNotice =
        "Our AI model is not reachable right now, so the built-in assistant answered. It knows orders, products, the cart and our policies, but is less chatty.";

    public const string InterruptedNotice = "Our AI model stopped part-way through this answer; ask again if it looks incomplete.";

    public const string AfterActionsNotice =
        "Our AI model stopped before it finished. Anything it already did for you (such as changing your cart) has been done; please check before asking again.";

    /// <summary>The customer-facing notice on an answer, or null when the configured model answered normally.</summary>
    public static string? NoticeOf(ChatResponse response) => NoticeOf(response.AdditionalProperties);

    public static string? NoticeOf(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(NoticeKey, out var notice) ? notice as string : null;

    public static bool IsFallback(ChatResponse response) =>
        response.AdditionalProperties?.TryGetValue(FallbackKey, out var flag) == true && flag is true;

    public static string? ReasonOf(ChatResponse response) =>
        response.AdditionalProperties?.TryGetValue(ReasonKey, out var reason) == true ? reason as string : null;

    public static AdditionalPropertiesDictionary Marks(string reason, string notice) => new()
    {
        [FallbackKey] = true,
        [ReasonKey] = reason,
        [NoticeKey] = notice,
    };

    /// <summary>A short, log-safe name for what went wrong (never the provider's message, which may echo the prompt).</summary>
    public static string Reason(Exception error) => error switch
    {
        BrokenCircuitException => "circuit-open",
        TimeoutException or OperationCanceledException => "timeout",
        ClientResultException { Status: > 0 } e => ForStatus(e.Status),
        AnthropicApiException e => ForStatus((int)e.StatusCode),
        HttpRequestException { StatusCode: { } status } => ForStatus((int)status),
        HttpRequestException or AnthropicIOException or ClientResultException or IOException => "network",
        _ => "error",
    };

    private static string ForStatus(int status) => status switch
    {
        (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden => "auth",
        (int)HttpStatusCode.TooManyRequests => "rate-limited",
        (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.GatewayTimeout => "timeout",
        >= 500 => "unavailable",
        _ => "error",
    };
}
