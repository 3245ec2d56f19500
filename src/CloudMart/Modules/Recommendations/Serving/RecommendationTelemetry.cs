using CloudMart.Platform.Observability;

namespace CloudMart.Modules.Recommendations.Serving;

internal static class RecommendationTelemetry
{
    /// <summary>Counts lists served and how often one came back empty, by kind (similar, also-bought, for-me).</summary>
    public static void Served(string kind, int items) =>
        CloudMartTelemetry.RecommendationsServed.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("empty", items == 0));
}
