using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudMart.Platform.Messaging;

/// <summary>
/// The background service that delivers the outbox: claims due events in batches, hands them to their handlers
/// (different orders in parallel, one order's events in order), and sleeps until a commit wakes it or the poll
/// interval passes. Runs in the <c>all</c> and <c>worker</c> roles.
/// </summary>
internal sealed class OutboxRelay(
    IServiceScopeFactory scopes, EventDispatcher dispatcher, OutboxSignal signal, IOptions<RelayOptions> options,
    TimeProvider clock, ILogger<OutboxRelay> logger) : ClaimLoop<long>(signal, logger)
{
    private readonly string _worker = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    protected override bool Enabled => options.Value.Enabled;

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override async Task<IReadOnlyList<long>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MessagingDbContext>();
        var relay = options.Value;
        return await scope.ServiceProvider.GetRequiredService<UnitOfWork>().ExecuteAsync(
            ct => OutboxClaims.ClaimAsync(db, _worker, relay.BatchSize, clock.GetUtcNow().UtcDateTime, relay.Lease, ct),
            cancellationToken);
    }

    protected override async Task HandleAsync(IReadOnlyList<long> claimed, CancellationToken cancellationToken)
    {
        List<OutboxMessage> messages;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MessagingDbContext>();
            messages = await db.Outbox.AsNoTracking().Where(o => claimed.Contains(o.Sequence)).OrderBy(o => o.Sequence).ToListAsync(cancellationToken);
        }
        await dispatcher.DispatchAsync(messages, cancellationToken);
    }
}
