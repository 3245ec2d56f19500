using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2.Model;
using CloudMart.Modules.Ordering.Data.DynamoDb;
using CloudMart.Modules.Ordering.Payments;
using CloudMart.Platform.Aws;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CloudMart.Tests.Aws;

/// <summary>The DynamoDB shop with <c>CloudMart:DynamoDb:RecordCapacity</c> on: every call counts its capacity units.</summary>
public sealed class CapacityRecordingShop : DynamoShop
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["CloudMart:DynamoDb:RecordCapacity"] = "true" };
}

/// <summary>
/// The capacity bench (bench/dynamodb/run.sh runs it with more orders and writes its report): places orders through
/// the API, settles their payment through the DynamoDB settlement port, changes carts, and sums the capacity units
/// the recorder counted in each phase, measured (as moto reports them) and computed (DynamoDB's documented rules).
/// With the defaults it is a quick test that the recorder sees every call.
/// </summary>
public sealed class CapacityBench(CapacityRecordingShop shop, ITestOutputHelper output) : IClassFixture<CapacityRecordingShop>
{
    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    [Fact]
    public async Task Placing_confirming_and_cart_changes_are_priced_in_capacity_units_per_operation()
    {
        var orders = Setting("CLOUDMART_BENCH_ORDERS", 3);
        var cartChanges = Setting("CLOUDMART_BENCH_CART_CHANGES", 3);
        var api = shop.Api();
        var first = await api.ProductAsync(stock: orders * 2 + 10);
        var second = await api.ProductAsync(stock: orders * 2 + 10);
        var buyer = await api.CustomerAsync();
        using var meter = new CapacityMeter();

        meter.Phase = "place";
        var placed = new List<Guid>();
        for (var i = 0; i < orders; i++)
        {
            var order = await Api.PlacedOrderAsync(buyer.Client, (first.Id, 1), (second.Id, 2));
            placed.Add(order.GetProperty("id").GetGuid());
        }

        meter.Phase = "confirm";
        foreach (var orderId in placed)
        {
            using var scope = shop.Services.CreateScope();
            Assert.True(await scope.ServiceProvider.GetRequiredService<DynamoPaymentSettlement>()
                .SettleAsync(orderId, new PaymentOutcome(true, "bench", null), CancellationToken.None));
        }

        meter.Phase = "cart";
        for (var i = 0; i < cartChanges; i++)
        {
            var response = await buyer.Client.PutAsJsonAsync($"/api/cart/items/{first.Id}", new { quantity = i % 3 + 1 });
            Assert.True(response.IsSuccessStatusCode, $"cart change answered {(int)response.StatusCode}");
        }
        meter.Phase = null;

        var sizes = await ItemSizesAsync();
        var report = Report(meter, orders, cartChanges, sizes);
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("CLOUDMART_BENCH_OUT") is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, report);
        }

        // Placement is one TransactWriteItems of the order, its idempotency record, its event and one stock
        // update per line: 2 units per item of at most 1 KB. Confirmation writes the order, its event and the
        // dashboard's awaiting-shipment counter in one.
        Assert.True(meter.Total("place", "write", "computed", "TransactWriteItems") >= orders * 2 * (3 + 2), "placement writes counted");
        Assert.Equal(orders * 3 * 2, meter.Total("confirm", "write", "computed", "TransactWriteItems"));
        Assert.True(meter.Total("confirm", "read", "computed") > 0, "the settlement reads the order first");
        Assert.True(meter.Total("place", "read", "measured") > 0, "moto reports what single-item reads consumed");
    }

    /// <summary>The largest item of each kind in the table (by its key's prefix), by the documented size rules.</summary>
    private async Task<SortedDictionary<string, long>> ItemSizesAsync()
    {
        using var client = shop.EmulatorClient(); // not recording: the bench's own scan is not the shop's cost
        var largest = new SortedDictionary<string, long>(StringComparer.Ordinal);
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await client.ScanAsync(new ScanRequest { TableName = shop.TableName, ExclusiveStartKey = start });
            foreach (var item in page.Items ?? [])
            {
                var kind = item.TryGetValue("PK", out var pk) && pk.S is { } key ? key.Split('#')[0] : "?";
                if (item.TryGetValue("SK", out var sk) && sk.S is { } sort)
                {
                    kind += "/" + sort.Split('#')[0];
                }
                largest[kind] = Math.Max(largest.GetValueOrDefault(kind), CapacityRules.ItemSize(item));
            }
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return largest;
    }

    private static string Report(CapacityMeter meter, int orders, int cartChanges, SortedDictionary<string, long> sizes)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"orders={orders} cart_changes={cartChanges}");
        text.AppendLine("| phase | per | kind | operation | measured (moto) | computed (rules) |");
        text.AppendLine("|---|---|---|---|---:|---:|");
        foreach (var (phase, kind, operation) in meter.Keys().OrderBy(k => k.Phase, StringComparer.Ordinal).ThenBy(k => k.Kind, StringComparer.Ordinal).ThenBy(k => k.Operation, StringComparer.Ordinal))
        {
            var per = phase == "cart" ? cartChanges : orders;
            var measured = meter.Total(phase, kind, "measured", operation);
            var computed = meter.Total(phase, kind, "computed", operation);
            text.AppendLine(inv, $"| {phase} | {(phase == "cart" ? "cart change" : "order")} | {kind} | {operation} | {measured / per:0.###} | {computed / per:0.###} |");
        }
        text.AppendLine();
        text.AppendLine("| phase | read units per op, measured | computed | write units per op, measured | computed |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (phase, per) in new[] { ("place", orders), ("confirm", orders), ("cart", cartChanges) })
        {
            text.AppendLine(inv, $"| {phase} | {meter.Total(phase, "read", "measured") / per:0.###} | {meter.Total(phase, "read", "computed") / per:0.###} | {meter.Total(phase, "write", "measured") / per:0.###} | {meter.Total(phase, "write", "computed") / per:0.###} |");
        }
        text.AppendLine();
        text.AppendLine("largest item by kind (bytes): " + string.Join(", ", sizes.Select(s => $"{s.Key}={s.Value}")));
        return text.ToString();
    }

    /// <summary>Listens to the recorder's counter and sums it by phase, kind, source and operation.</summary>
    private sealed class CapacityMeter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<(string Phase, string Kind, string Source, string Operation), double> _totals = new();

        public CapacityMeter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == CapacityRecorder.InstrumentName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
            {
                if (Phase is not { } phase)
                {
                    return;
                }
                string kind = "", source = "", operation = "";
                foreach (var tag in tags)
                {
                    switch (tag.Key)
                    {
                        case "kind": kind = tag.Value as string ?? ""; break;
                        case "source": source = tag.Value as string ?? ""; break;
                        case "operation": operation = tag.Value as string ?? ""; break;
                    }
                }
                _totals.AddOrUpdate((phase, kind, source, operation), value, (_, sum) => sum + value);
            });
            _listener.Start();
        }

        public volatile string? Phase;

        public double Total(string phase, string kind, string source, string? operation = null) =>
            _totals.Where(t => t.Key.Phase == phase && t.Key.Kind == kind && t.Key.Source == source && (operation is null || t.Key.Operation == operation)).Sum(t => t.Value);

        public IEnumerable<(string Phase, string Kind, string Operation)> Keys() => _totals.Keys.Select(k => (k.Phase, k.Kind, k.Operation)).Distinct();

        public void Dispose() => _listener.Dispose();
    }
}
