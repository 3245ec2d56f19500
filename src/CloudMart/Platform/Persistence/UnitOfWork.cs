using Microsoft.EntityFrameworkCore;

namespace CloudMart.Platform.Persistence;

/// <summary>
/// Runs a piece of work as one database transaction across every module DbContext of the scope: the work changes
/// entities (and may run conditional updates), then the unit of work saves all contexts and commits, or rolls back
/// everything when the work returns a refusal or throws.
/// </summary>
internal sealed class UnitOfWork(DatabaseSession session, WriteGate gate, Messaging.OutboxSignal outboxSignal)
{
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        where T : notnull
    {
        T result;
        bool appendedEvents;
        using (await gate.EnterAsync(cancellationToken))
        {
            (result, appendedEvents) = await CommitAsync(work);
        }
        if (appendedEvents)
        {
            outboxSignal.Notify();
        }
        return result;
    }

    private async Task<(T Result, bool AppendedEvents)> CommitAsync<T>(Func<CancellationToken, Task<T>> work)
        where T : notnull
    {
        // Once the write lock is ours, the work runs to its end even if the client goes away: a short transaction
        // finished is cheaper and clearer than one abandoned half-way (and it keeps the error log for real errors).
        var cancellationToken = CancellationToken.None;
        await session.BeginAsync(cancellationToken);
        var committed = false;
        try
        {
            var result = await work(cancellationToken);
            if (IsRefusal(result))
            {
                await session.Transaction!.RollbackAsync(CancellationToken.None);
                return (result, false);
            }
            var appendedEvents = false;
            foreach (var context in session.Contexts)
            {
                if (context.ChangeTracker.HasChanges())
                {
                    appendedEvents |= context.ChangeTracker.Entries<Messaging.OutboxMessage>().Any(e => e.State == EntityState.Added);
                    await context.SaveChangesAsync(cancellationToken);
                }
            }
            if (appendedEvents && session.Provider == DatabaseProvider.Postgres)
            {
                // Delivered by PostgreSQL at commit: relays in other processes wake at once instead of at their next poll.
                await using var notify = session.Connection.CreateCommand();
                notify.Transaction = session.Transaction;
                notify.CommandText = $"NOTIFY {Messaging.OutboxListener.Channel}";
                await notify.ExecuteNonQueryAsync(cancellationToken);
            }
            await session.Transaction!.CommitAsync(CancellationToken.None);
            committed = true;
            await session.RunAfterCommitAsync();
            return (result, appendedEvents);
        }
        catch when (!committed)
        {
            await session.Transaction!.RollbackAsync(CancellationToken.None);
            throw;
        }
        finally
        {
            await session.EndAsync();
        }
    }

    /// <summary>A refusal (a problem response, or an <see cref="IRefusal"/>) leaves nothing behind.</summary>
    private static bool IsRefusal(object result) =>
        result is IRefusal { IsRefusal: true } or Microsoft.AspNetCore.Http.IStatusCodeHttpResult { StatusCode: >= 400 };

    public Task ExecuteAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken) =>
        ExecuteAsync<Done>(async ct =>
        {
            await work(ct);
            return Done.Value;
        }, cancellationToken);

    private sealed record Done
    {
        public static readonly Done Value = new();
    }
}

/// <summary>A result that can mean "nothing happened": then the unit of work rolls back instead of committing.</summary>
internal interface IRefusal
{
    bool IsRefusal { get; }
}

/// <summary>
/// SQLite has one writer at a time. Rather than letting concurrent writers spin on SQLITE_BUSY, writes in this
/// process queue on one async gate, which keeps throughput at the file's write ceiling. PostgreSQL needs no gate.
/// </summary>
internal sealed class WriteGate(DatabaseOptions options)
{
    private readonly SemaphoreSlim? _sqliteWriter = options.Provider == DatabaseProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;

    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (_sqliteWriter is null)
        {
            return NoGate.Instance;
        }
        await _sqliteWriter.WaitAsync(cancellationToken);
        return new Release(_sqliteWriter);
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }

    private sealed class NoGate : IDisposable
    {
        public static readonly NoGate Instance = new();

        public void Dispose()
        {
        }
    }
}
