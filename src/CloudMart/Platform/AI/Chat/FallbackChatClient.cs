using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Polly;
using Polly.CircuitBreaker;

namespace CloudMart.Platform.AI.Chat;

/// <summary>
/// Puts the cloud model in front and the offline assistant behind it: when the cloud model fails (timeout, 5xx, 429,
/// network or credentials) the offline assistant answers and the answer carries a notice (<see cref="ChatFallback"/>),
/// so a question never ends in a server error. A circuit breaker stops asking a provider that keeps failing until its
/// break is over, so a dead provider costs no waiting.
/// </summary>
internal sealed class FallbackChatClient : DelegatingChatClient
{
    private readonly IChatClient _offline;
    private readonly string _provider;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ChatCircuit _circuit;

    public FallbackChatClient(IChatClient cloud, IChatClient offline, ChatCircuit circuit, ChatModelOptions options, TimeProvider time, ILogger<FallbackChatClient> logger)
        : base(cloud)
    {
        _offline = offline;
        _circuit = circuit;
        _provider = options.Provider;
        _timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        _time = time;
        _logger = logger;
    }

    /// <summary>Closed while the provider answers; open while the offline assistant answers alone.</summary>
    public CircuitState Circuit => _circuit.State;

    /// <summary>Made per request: the cloud model and the offline assistant belong to the container, which disposes them.</summary>
#pragma warning disable CA2215 // not calling the base is the point: it would dispose the shared cloud model
    protected override void Dispose(bool disposing)
    {
    }
#pragma warning restore CA2215

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var history = messages as IList<ChatMessage> ?? [.. messages];
        var run = ToolRun.Begin();
        try
        {
            return await _circuit.Pipeline.ExecuteAsync(async token =>
            {
                using var deadline = new Deadline(_timeout, _time, token);
                try
                {
                    return await base.GetResponseAsync(history, options, deadline.Token);
                }
                catch (OperationCanceledException) when (deadline.Expired)
                {
                    throw new TimeoutException($"No answer within {_timeout.TotalSeconds:0} s.");
                }
            }, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = ChatFallback.Reason(error);
            ChatLog.Fallbacks.Add(1, new("provider", _provider), new("reason", reason));
            if (run.ToolsRan)
            {
                ChatLog.FailedAfterTools(_logger, _provider, reason, error.GetType().Name);
                return new ChatResponse(new ChatMessage(ChatRole.Assistant, ChatFallback.AfterActionsNotice))
                {
                    AdditionalProperties = ChatFallback.Marks(reason, ChatFallback.AfterActionsNotice),
                };
            }
            ChatLog.AnsweredOffline(_logger, _provider, reason, error.GetType().Name);
            var answer = await _offline.GetResponseAsync(history, options, cancellationToken);
            answer.AdditionalProperties ??= [];
            foreach (var (key, value) in ChatFallback.Marks(reason, ChatFallback.OfflineNotice))
            {
                answer.AdditionalProperties[key] = value;
            }
            return answer;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var history = messages as IList<ChatMessage> ?? [.. messages];
        var run = ToolRun.Begin();
        // The cloud stream is pumped through the breaker in one execution, so a stream that breaks off counts as one failure.
        var channel = Channel.CreateUnbounded<ChatResponseUpdate>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = PumpAsync(history, options, channel.Writer, stop.Token);
        var sent = false;
        Exception? failure = null;
        try
        {
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (!await channel.Reader.WaitToReadAsync(cancellationToken) || !channel.Reader.TryRead(out update!))
                    {
                        break;
                    }
                }
                catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failure = error;
                    break;
                }
                sent = true;
                yield return update;
            }
        }
        finally
        {
            await stop.CancelAsync(); // the reader may leave early; the pump must not outlive it
            await pump;
        }
        if (failure is null)
        {
            yield break;
        }

        var reason = ChatFallback.Reason(failure);
        ChatLog.Fallbacks.Add(1, new("provider", _provider), new("reason", sent ? "interrupted" : reason));
        if (sent || run.ToolsRan)
        {
            var notice = sent ? ChatFallback.InterruptedNotice : ChatFallback.AfterActionsNotice;
            if (sent)
            {
                ChatLog.StreamInterrupted(_logger, _provider, reason, failure.GetType().Name);
            }
            else
            {
                ChatLog.FailedAfterTools(_logger, _provider, reason, failure.GetType().Name);
            }
            yield return new ChatResponseUpdate(ChatRole.Assistant, (sent ? "\n\n" : "") + notice)
            {
                AdditionalProperties = ChatFallback.Marks(reason, notice),
            };
            yield break;
        }
        ChatLog.AnsweredOffline(_logger, _provider, reason, failure.GetType().Name);
        yield return new ChatResponseUpdate { Role = ChatRole.Assistant, AdditionalProperties = ChatFallback.Marks(reason, ChatFallback.OfflineNotice) };
        await foreach (var update in _offline.GetStreamingResponseAsync(history, options, cancellationToken))
        {
            yield return update;
        }
    }

    private async Task PumpAsync(IList<ChatMessage> history, ChatOptions? options, ChannelWriter<ChatResponseUpdate> writer, CancellationToken cancellationToken)
    {
        try
        {
            await _circuit.Pipeline.ExecuteAsync(async token =>
            {
                using var deadline = new Deadline(_timeout, _time, token);
                try
                {
                    await foreach (var update in base.GetStreamingResponseAsync(history, options, deadline.Token).WithCancellation(deadline.Token))
                    {
                        await writer.WriteAsync(update, token);
                    }
                }
                catch (OperationCanceledException) when (deadline.Expired)
                {
                    throw new TimeoutException($"No complete answer within {_timeout.TotalSeconds:0} s.");
                }
            }, cancellationToken);
            writer.TryComplete();
        }
        catch (Exception error)
        {
            writer.TryComplete(error);
        }
    }

    /// <summary>The caller's cancellation joined with the time limit on one question, measured on the shop's clock.</summary>
    private sealed class Deadline : IDisposable
    {
        private readonly CancellationTokenSource _timer;
        private readonly CancellationTokenSource _linked;

        public Deadline(TimeSpan limit, TimeProvider time, CancellationToken caller)
        {
            _timer = new CancellationTokenSource(limit, time);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(caller, _timer.Token);
        }

        public CancellationToken Token => _linked.Token;

        public bool Expired => _timer.IsCancellationRequested;

        public void Dispose()
        {
            _linked.Dispose();
            _timer.Dispose();
        }
    }
}
