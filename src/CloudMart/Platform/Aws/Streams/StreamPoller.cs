using System.Collections.Concurrent;
using Amazon.DynamoDBv2.Model;
using CloudMart.Platform.Messaging;
using Microsoft.Extensions.Options;

namespace CloudMart.Platform.Aws.Streams;

/// <summary>
/// Runs the workflow from the table's stream where no Lambda function does (Kubernetes, a laptop against an
/// emulator): finds the shards, takes a lease on each one no other replica holds (a child only once its parent is
/// read to the end, so one order's events stay in order across a split), reads it from its checkpoint and hands each
/// page to <see cref="StreamBatchHandler"/> — the Lambda function's code path. A page with a failed record is
/// checkpointed up to that record and read again from there after a backoff.
/// </summary>
internal sealed partial class StreamPoller(
    DynamoDbOptions table, IServiceProvider services, IOptions<StreamPollerOptions> options, IOptions<RelayOptions> relay,
    TimeProvider clock, ILogger<StreamPoller> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Task> _readers = new();
    private readonly Random _jitter = new();
    private ShardLeases? _leases;

    // Resolved only when the table is configured: without it there is no DynamoDB client to build.
    private DynamoTable Dynamo => services.GetRequiredService<DynamoTable>();

    private DynamoStreamsClient Streams => services.GetRequiredService<DynamoStreamsClient>();

    private StreamBatchHandler Handler => services.GetRequiredService<StreamBatchHandler>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (!table.Enabled || !options.Value.Enabled || !relay.Value.Enabled)
        {
            return;
        }
        var settings = options.Value;
        _leases = new ShardLeases(Dynamo, clock, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}", settings.Lease);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var arn = await StreamArnAsync(stoppingToken);
                var shards = await Streams.ShardsAsync(arn, stoppingToken);
                var known = shards.Select(s => s.ShardId).ToHashSet();
                foreach (var shard in shards.Where(s => !_readers.ContainsKey(s.ShardId)))
                {
                    if (shard.ParentShardId is { } parent && known.Contains(parent) && !await _leases.IsFinishedAsync(parent, stoppingToken))
                    {
                        continue; // the parent's records come first
                    }
                    if (await _leases.TryTakeAsync(arn, shard.ShardId, stoppingToken) is { } lease)
                    {
                        LogShardTaken(shard.ShardId, lease.Checkpoint ?? "the oldest record");
                        _readers[shard.ShardId] = Task.Run(() => ReadShardAsync(arn, lease, stoppingToken), CancellationToken.None)
                            .ContinueWith(_ => _readers.TryRemove(shard.ShardId, out Task? _), TaskScheduler.Default);
                    }
                }
                await Task.Delay(settings.ShardRefresh / (_readers.IsEmpty ? 10 : 1), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogPollerFailed(e);
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        await Task.WhenAll(_readers.Values).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task<string> StreamArnAsync(CancellationToken cancellationToken)
    {
        var description = await Dynamo.Client.DescribeTableAsync(new DescribeTableRequest { TableName = Dynamo.Name }, cancellationToken);
        return description.Table.LatestStreamArn
            ?? throw new InvalidOperationException($"Table {Dynamo.Name} has no stream: create it with `cloudmart dynamodb create-table` or the Terraform module.");
    }

    private async Task ReadShardAsync(string arn, ShardLease lease, CancellationToken stoppingToken)
    {
        var leases = _leases!;
        var settings = options.Value;
        var checkpoint = lease.Checkpoint;
        var saved = checkpoint;
        var renewedAt = clock.GetUtcNow();
        var failures = 0;
        try
        {
            var iterator = await Streams.IteratorAsync(arn, lease.ShardId, checkpoint, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                StreamPage page;
                try
                {
                    page = await Streams.RecordsAsync(iterator, settings.BatchSize, stoppingToken);
                }
                catch (StreamsApiException e) when (e.ErrorType == "ExpiredIteratorException")
                {
                    iterator = await Streams.IteratorAsync(arn, lease.ShardId, checkpoint, stoppingToken);
                    continue;
                }
                catch (StreamsApiException e) when (e.ErrorType == "TrimmedDataAccessException")
                {
                    LogTrimmed(lease.ShardId, checkpoint ?? "(none)");
                    checkpoint = null;
                    iterator = await Streams.IteratorAsync(arn, lease.ShardId, null, stoppingToken);
                    continue;
                }
                if (page.Records.Count > 0)
                {
                    var failed = await Handler.HandleAsync(page.Records, stoppingToken);
                    var sequences = page.Records.Select(StreamRecordJson.SequenceNumberOf).ToList();
                    var firstFailed = failed.Count == 0 ? -1 : sequences.FindIndex(s => s is not null && failed.Contains(s));
                    var handledUpTo = firstFailed < 0 ? sequences.Count : firstFailed;
                    checkpoint = handledUpTo > 0 ? sequences[handledUpTo - 1] ?? checkpoint : checkpoint;
                    if (firstFailed >= 0)
                    {
                        failures++;
                        await SaveAsync(checkpoint);
                        await Task.Delay(relay.Value.RetryDelay(failures, _jitter), clock, stoppingToken);
                        iterator = await Streams.IteratorAsync(arn, lease.ShardId, checkpoint, stoppingToken);
                        continue;
                    }
                    failures = 0;
                    // Our own lease writes come back through the stream; checkpointing only for them would feed itself.
                    if (page.Records.Any(r => !IsLease(r)))
                    {
                        await SaveAsync(checkpoint);
                    }
                }
                if (page.NextIterator is null)
                {
                    await SaveAsync(checkpoint);
                    await leases.FinishAsync(lease.ShardId, stoppingToken);
                    LogShardFinished(lease.ShardId);
                    return;
                }
                iterator = page.NextIterator;
                if (clock.GetUtcNow() - renewedAt > settings.Lease / 3)
                {
                    await SaveAsync(checkpoint, renew: true);
                }
                if (page.Records.Count == 0)
                {
                    await Task.Delay(settings.PollInterval, clock, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await leases.ReleaseAsync(lease.ShardId, CancellationToken.None);
        }
        catch (LeaseLostException)
        {
            LogLeaseLost(lease.ShardId);
        }
        catch (Exception e)
        {
            LogShardFailed(e, lease.ShardId); // the lease runs out and this or another replica takes the shard again
        }

        async Task SaveAsync(string? at, bool renew = false)
        {
            if (at == saved && !renew)
            {
                return;
            }
            if (!await leases.CheckpointAsync(lease.ShardId, at, stoppingToken))
            {
                throw new LeaseLostException();
            }
            saved = at;
            renewedAt = clock.GetUtcNow();
        }
    }

    private static bool IsLease(System.Text.Json.JsonElement record)
    {
        try
        {
            return StreamRecordJson.Parse(record).Kind == "ShardLease";
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private sealed class LeaseLostException : Exception;

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading stream shard {ShardId} from {Checkpoint}")]
    private partial void LogShardTaken(string shardId, string checkpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream shard {ShardId} is closed and read to its end")]
    private partial void LogShardFinished(string shardId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another reader took stream shard {ShardId}; this one stops")]
    private partial void LogLeaseLost(string shardId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading stream shard {ShardId} failed; it is taken up again when its lease runs out")]
    private partial void LogShardFailed(Exception exception, string shardId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream shard {ShardId} was trimmed past its checkpoint {Checkpoint}: records older than 24 hours were never handled; reading from the oldest kept")]
    private partial void LogTrimmed(string shardId, string checkpoint);

    [LoggerMessage(Level = LogLevel.Error, Message = "The stream poller failed; retrying in a second")]
    private partial void LogPollerFailed(Exception exception);
}
