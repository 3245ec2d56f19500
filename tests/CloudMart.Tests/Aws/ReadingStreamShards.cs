using System.Text.Json;
using CloudMart.Platform.Aws;
using CloudMart.Platform.Aws.Streams;

namespace CloudMart.Tests.Aws;

/// <summary>A bare table in the emulator (no shop): for the stream's own parts.</summary>
public sealed class BareTable : IAsyncLifetime
{
    public string Name { get; } = "cm-bare-" + Guid.NewGuid().ToString("N")[..12];

    internal DynamoTable Table { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var client = DynamoShop.Client();
        await new TableCreator(client, TimeProvider.System).CreateAsync(Name, TableDefinition.Load(), TimeSpan.FromMinutes(1), CancellationToken.None);
        Table = new DynamoTable(client, Name);
    }

    public async Task DisposeAsync()
    {
        await Table.Client.DeleteTableAsync(Name);
        Table.Client.Dispose();
    }
}

public sealed class ReadingStreamShards(BareTable bare) : IClassFixture<BareTable>
{
    private ShardLeases Leases(string owner, TimeSpan duration, TimeProvider? clock = null) =>
        new(bare.Table, clock ?? TimeProvider.System, owner, duration);

    [Fact]
    public async Task One_reader_holds_a_shard_until_its_lease_runs_out_and_only_the_holder_moves_its_checkpoint()
    {
        var shard = "shardId-" + Guid.NewGuid().ToString("N");
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var first = Leases("pod-a", TimeSpan.FromSeconds(30), clock);
        var second = Leases("pod-b", TimeSpan.FromSeconds(30), clock);

        Assert.Equal(new ShardLease(shard, null), await first.TryTakeAsync("arn", shard, CancellationToken.None));
        Assert.Null(await second.TryTakeAsync("arn", shard, CancellationToken.None));
        Assert.True(await first.CheckpointAsync(shard, "100", CancellationToken.None));
        Assert.False(await second.CheckpointAsync(shard, "999", CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(31)); // pod-a died without letting go
        Assert.Equal(new ShardLease(shard, "100"), await second.TryTakeAsync("arn", shard, CancellationToken.None));
        Assert.False(await first.CheckpointAsync(shard, "150", CancellationToken.None)); // it paused, woke up, and must stop
        Assert.True(await second.CheckpointAsync(shard, "200", CancellationToken.None));

        await second.ReleaseAsync(shard, CancellationToken.None); // a clean shutdown hands it over at once
        Assert.Equal(new ShardLease(shard, "200"), await first.TryTakeAsync("arn", shard, CancellationToken.None));
    }

    [Fact]
    public async Task A_finished_shard_is_never_taken_again_and_says_so_to_its_children()
    {
        var shard = "shardId-" + Guid.NewGuid().ToString("N");
        var reader = Leases("pod-a", TimeSpan.FromSeconds(30));
        Assert.NotNull(await reader.TryTakeAsync("arn", shard, CancellationToken.None));
        Assert.False(await reader.IsFinishedAsync(shard, CancellationToken.None));

        Assert.True(await reader.FinishAsync(shard, CancellationToken.None));

        Assert.True(await reader.IsFinishedAsync(shard, CancellationToken.None));
        Assert.Null(await reader.TryTakeAsync("arn", shard, CancellationToken.None));
        Assert.Null(await Leases("pod-b", TimeSpan.FromSeconds(30)).TryTakeAsync("arn", shard, CancellationToken.None));
    }

    [Fact]
    public void A_record_reads_the_same_from_GetRecords_and_from_a_Lambda_event()
    {
        const string fromLambda = """
            {"eventID":"1","eventName":"MODIFY","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"eu-west-1",
             "dynamodb":{"ApproximateCreationDateTime":1765000000,"SequenceNumber":"4421584500000000017450439091",
               "Keys":{"PK":{"S":"STOCK#1"},"SK":{"S":"STOCK"}},
               "NewImage":{"Kind":{"S":"Stock"},"Available":{"N":"3"},"Tags":{"SS":["a","b"]},"Ok":{"BOOL":true},"Gone":{"NULL":true},
                           "Lines":{"L":[{"M":{"Sku":{"S":"MUG-1"},"Qty":{"N":"2"}}}]},"Raw":{"B":"AQID"}},
               "OldImage":{"Kind":{"S":"Stock"},"Available":{"N":"5"}},"StreamViewType":"NEW_AND_OLD_IMAGES","SizeBytes":59},
             "eventSourceARN":"arn:aws:dynamodb:eu-west-1:123456789012:table/shop/stream/2026-12-08T00:00:00.000"}
            """;

        var record = StreamRecordJson.Parse(JsonDocument.Parse(fromLambda).RootElement);

        Assert.Equal("4421584500000000017450439091", record.SequenceNumber);
        Assert.True(record.IsModify);
        Assert.Equal("Stock", record.Kind);
        Assert.Equal("3", record.NewImage!["Available"].N);
        Assert.Equal("5", record.OldImage!["Available"].N);
        Assert.Equal(["a", "b"], record.NewImage["Tags"].SS);
        Assert.True(record.NewImage["Ok"].BOOL);
        Assert.Equal("MUG-1", record.NewImage["Lines"].L[0].M["Sku"].S);
        Assert.Equal([1, 2, 3], record.NewImage["Raw"].B.ToArray());
        Assert.Equal("STOCK#1", record.Keys["PK"].S);
    }

    [Theory]
    [InlineData("""{"eventName":"INSERT"}""")]
    [InlineData("""{"eventName":"INSERT","dynamodb":{"Keys":{}}}""")]
    [InlineData("""{"eventName":"INSERT","dynamodb":{"SequenceNumber":"1","NewImage":{"Kind":{"X":"?"}}}}""")]
    [InlineData("""{"eventName":"INSERT","dynamodb":{"SequenceNumber":"1","NewImage":{"Kind":"Event"}}}""")]
    public void A_record_that_is_not_a_DynamoDB_stream_record_is_refused_by_name(string json)
    {
        Assert.Throws<InvalidDataException>(() => StreamRecordJson.Parse(JsonDocument.Parse(json).RootElement));
    }
}
