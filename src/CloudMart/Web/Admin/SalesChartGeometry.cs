using System.Globalization;

namespace CloudMart.Web.Admin;

/// <summary>One day on the chart (public because the chart component's parameters must be).</summary>
public sealed record ChartDay(DateOnly Day, int Orders, decimal Revenue);

internal sealed record ChartBar(double X, double Y, double Width, double Height, ChartDay Day);

internal sealed record ChartTick(double Y, string Orders, string Revenue);

/// <summary>
/// Where everything goes in the dashboard's orders-and-revenue chart: one bar per day for orders (left scale) and a
/// line for revenue (right scale). Pure arithmetic, so the picture is testable without a browser.
/// </summary>
internal sealed class SalesChartGeometry
{
    public const double Width = 720;
    public const double Height = 240;
    public const double Left = 40;
    public const double Right = 64;
    public const double Top = 12;
    public const double Bottom = 28;
    public const int TickCount = 4;

    public SalesChartGeometry(IReadOnlyList<ChartDay> days, Func<decimal, string> money)
    {
        // Each scale is four round steps, so the tick labels are whole, readable numbers.
        OrdersMax = TickCount * NiceCeiling((days.Count == 0 ? 0 : days.Max(d => d.Orders)) / (double)TickCount);
        RevenueMax = TickCount * NiceCeiling((double)(days.Count == 0 ? 0 : days.Max(d => d.Revenue)) / TickCount);
        var plotWidth = Width - Left - Right;
        var slot = days.Count == 0 ? plotWidth : plotWidth / days.Count;
        Bars = days.Select((day, i) =>
        {
            var height = PlotHeight * day.Orders / OrdersMax;
            return new ChartBar(Left + (i * slot) + (slot * 0.15), Baseline - height, slot * 0.7, height, day);
        }).ToList();
        RevenueLine = string.Join(' ', days.Select((day, i) =>
            $"{Format(Left + (i * slot) + (slot / 2))},{Format(Baseline - (PlotHeight * (double)day.Revenue / RevenueMax))}"));
        Ticks = Enumerable.Range(0, TickCount + 1).Select(i => new ChartTick(
            Baseline - (PlotHeight * i / TickCount),
            (OrdersMax * i / TickCount).ToString("0.#", CultureInfo.InvariantCulture),
            money((decimal)(RevenueMax * i / TickCount)))).ToList();
    }

    public static double PlotHeight => Height - Top - Bottom;

    public static double Baseline => Height - Bottom;

    public double OrdersMax { get; }

    public double RevenueMax { get; }

    public IReadOnlyList<ChartBar> Bars { get; }

    /// <summary>SVG polyline points for revenue, one per day at the middle of its bar.</summary>
    public string RevenueLine { get; }

    public IReadOnlyList<ChartTick> Ticks { get; }

    /// <summary>Bars labelled every few days so the labels never overlap.</summary>
    public IEnumerable<ChartBar> LabelledBars => Bars.Where((_, i) => (Bars.Count - 1 - i) % 7 == 0);

    public static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The smallest 1, 2 or 5 × 10ⁿ at or above the value (at least 1), so the scale reads in round steps.</summary>
    public static double NiceCeiling(double value)
    {
        if (value <= 1)
        {
            return 1;
        }
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 5, 10 })
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
