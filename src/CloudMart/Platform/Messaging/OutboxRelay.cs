using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudMart.Platform.Messaging;

/// <summary>
/// The background service that delivers the outbox: claims due events in batches, hands them to their handlers
/// (different orders in parallel, one order's events in order), and sleeps until a commit wakes it or the poll
/// interval passes. Runs in the <c>all</c> and <c>worker</c> roles.
/// </summary>
internal sealed partial class OutboxRelay(
    IServiceScopeFactory scopes, EventDispatcher dispatcher, OutboxSignal signal, IOptions<RelayOptions> options,
    TimeProvider clock, ILogger<OutboxRelay> logger) : BackgroundService
{
    private readonly string _worker = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (!options.Value.Enabled)
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
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                    continue;
                }
                await dispatcher.DispatchAsync(await LoadAsync(claimed, stoppingToken), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The database may be briefly unreachable; claimed rows are released when their lease runs out.
                LogRelayFailed(e);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task<List<long>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MessagingDbContext>();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var relay = options.Value;
        return await unitOfWork.ExecuteAsync(
            ct => OutboxClaims.ClaimAsync(db, _worker, relay.BatchSize, clock.GetUtcNow().UtcDateTime, relay.Lease, ct),
            cancellationToken);
    }

    private async Task<List<OutboxMessage>> LoadAsync(List<long> sequences, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MessagingDbContext>();
        return await db.Outbox.AsNoTracking().Where(o => sequences.Contains(o.Sequence)).OrderBy(o => o.Sequence).ToListAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox relay failed; retrying in a second")]
    private partial void LogRelayFailed(Exception exception);
}
