using Npgsql;

namespace CloudMart.Platform.Messaging;

/// <summary>
/// On PostgreSQL, listens for the NOTIFY that every commit with new outbox rows sends, and wakes this process's
/// relay: a worker process reacts to orders placed by a web process within milliseconds, not at its next poll.
/// </summary>
internal sealed partial class OutboxListener(DatabaseOptions database, IConfiguration configuration, OutboxSignal signal, ILogger<OutboxListener> logger) : BackgroundService
{
    public const string Channel = "cloudmart_outbox";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider != DatabaseProvider.Postgres)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(configuration.GetConnectionString("Postgres"));
                connection.Notification += (_, _) => signal.Notify();
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                signal.Notify(); // catch up on anything committed while not listening
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogListenFailed(e); // polling still delivers; try to listen again shortly
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for outbox notifications failed; relying on polling until it reconnects")]
    private partial void LogListenFailed(Exception exception);
}
