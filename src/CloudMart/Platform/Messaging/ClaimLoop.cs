namespace CloudMart.Platform.Messaging;

/// <summary>
/// The loop behind the outbox relay and the webhook sender: claim due work, handle it, and when there is none sleep
/// until a signal or the poll interval; a failure (the database briefly away) is logged and retried a second later,
/// while claimed rows are freed by their lease.
/// </summary>
internal abstract partial class ClaimLoop<TClaim>(WakeSignal signal, ILogger logger) : BackgroundService
{
    protected virtual bool Enabled => true;

    protected abstract TimeSpan PollInterval { get; }

    protected abstract Task<IReadOnlyList<TClaim>> ClaimAsync(CancellationToken cancellationToken);

    protected abstract Task HandleAsync(IReadOnlyList<TClaim> claimed, CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (!Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await ClaimAsync(stoppingToken);
                if (claimed.Count == 0)
                {
                    await signal.WaitAsync(PollInterval, stoppingToken);
                    continue;
                }
                await HandleAsync(claimed, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogLoopFailed(e, GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker} failed; retrying in a second")]
    private partial void LogLoopFailed(Exception exception, string worker);
}
