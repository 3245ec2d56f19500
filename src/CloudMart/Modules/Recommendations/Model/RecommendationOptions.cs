namespace CloudMart.Modules.Recommendations.Model;

/// <summary>Bound from <c>CloudMart:Recommendations</c>. The API and <c>cloudmart recommendations evaluate</c> read the same values.</summary>
internal sealed class RecommendationOptions
{
    public const string Section = "CloudMart:Recommendations";

    /// <summary>Customers who must have bought both products before one is recommended with the other.</summary>
    public int MinSupport { get; set; } = 2;

    /// <summary>Neighbours read per product, the most often co-bought first; bounds the work for best-sellers.</summary>
    public int NeighbourLimit { get; set; } = 200;

    /// <summary>Most recent purchases (and, separately, views) that shape a customer's recommendations.</summary>
    public int HistoryLimit { get; set; } = 50;

    /// <summary>Weight of a product only looked at, against 1 for a product bought.</summary>
    public double ViewWeight { get; set; } = 0.5;
}
