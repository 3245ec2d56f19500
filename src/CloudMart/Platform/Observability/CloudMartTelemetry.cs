using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CloudMart.Platform.Observability;

/// <summary>The shop's own meters and activity source: business figures next to the runtime's.</summary>
internal static class CloudMartTelemetry
{
    public const string MeterName = "CloudMart";
    public const string ActivitySourceName = "CloudMart";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> OrdersPlaced = Meter.CreateCounter<long>("cloudmart.orders.placed", description: "Orders placed");
    public static readonly Counter<long> OrdersRefusedForStock = Meter.CreateCounter<long>("cloudmart.orders.refused_out_of_stock", description: "Orders refused because a line lacked stock");
    public static readonly Counter<long> OrdersCancelled = Meter.CreateCounter<long>("cloudmart.orders.cancelled", description: "Orders cancelled");
    public static readonly Histogram<double> OrderValue = Meter.CreateHistogram<double>("cloudmart.orders.value", unit: "{currency}", description: "Order totals");
    public static readonly Counter<long> StockAdjustments = Meter.CreateCounter<long>("cloudmart.inventory.adjustments", description: "Manual stock adjustments");
    public static readonly Counter<long> EventsHandled = Meter.CreateCounter<long>("cloudmart.events.deliveries", description: "Outbox event deliveries by outcome");
    public static readonly Histogram<double> EventLag = Meter.CreateHistogram<double>("cloudmart.events.lag", unit: "ms", description: "Time from an event's commit to its handlers finishing");
    public static readonly Counter<long> AssistantTurns = Meter.CreateCounter<long>("cloudmart.assistant.turns", description: "Assistant turns answered, by recognised intent");
    public static readonly Counter<long> SignInFailures = Meter.CreateCounter<long>("cloudmart.identity.sign_in_failures", description: "Failed sign-ins");
    public static readonly Counter<long> RecommendationsServed = Meter.CreateCounter<long>("cloudmart.recommendations.served", description: "Recommendation lists served, by kind");
}
