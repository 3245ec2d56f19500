using CloudMart.Web.Admin;

namespace CloudMart.Tests.Web;

public sealed class AdminSalesChart
{
    private static readonly DateOnly Start = new(2025, 3, 1);

    private static List<ChartDay> Days(params (int Orders, decimal Revenue)[] days) =>
        days.Select((d, i) => new ChartDay(Start.AddDays(i), d.Orders, d.Revenue)).ToList();

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(7, 10)]
    [InlineData(12, 20)]
    [InlineData(480, 500)]
    [InlineData(1234.5, 2000)]
    public void Scales_end_on_a_round_number_at_or_above_the_largest_value(double value, double expected) =>
        Assert.Equal(expected, SalesChartGeometry.NiceCeiling(value));

    [Fact]
    public void The_busiest_day_has_the_tallest_bar_and_an_empty_day_has_none()
    {
        var chart = new SalesChartGeometry(Days((4, 100m), (0, 0m), (8, 50m)), m => m.ToString());
        Assert.Equal(3, chart.Bars.Count);
        Assert.Equal(0, chart.Bars[1].Height);
        Assert.Equal(8, chart.OrdersMax); // four steps of 2
        Assert.Equal(SalesChartGeometry.PlotHeight, chart.Bars[2].Height);
        Assert.Equal(SalesChartGeometry.PlotHeight / 2, chart.Bars[0].Height, 6);
        Assert.True(chart.Bars[0].X < chart.Bars[1].X && chart.Bars[1].X < chart.Bars[2].X);
    }

    [Fact]
    public void One_order_still_gets_whole_numbered_ticks()
    {
        var chart = new SalesChartGeometry(Days((1, 74.69m)), m => m.ToString("0"));
        Assert.Equal(["0", "1", "2", "3", "4"], chart.Ticks.Select(t => t.Orders));
        Assert.Equal(80, chart.RevenueMax);
    }

    [Fact]
    public void Revenue_is_drawn_on_its_own_scale_through_the_middle_of_each_day()
    {
        var chart = new SalesChartGeometry(Days((1, 200m), (1, 100m)), m => m.ToString());
        Assert.Equal(200, chart.RevenueMax);
        var points = chart.RevenueLine.Split(' ').Select(p => p.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.Equal(2, points.Count);
        Assert.Equal(SalesChartGeometry.Top, points[0][1], 6);
        Assert.Equal(SalesChartGeometry.Top + (SalesChartGeometry.PlotHeight / 2), points[1][1], 6);
        Assert.Equal(chart.Bars[0].X + (chart.Bars[0].Width / 2), points[0][0], 2);
    }

    [Fact]
    public void Thirty_quiet_days_still_make_a_chart_with_a_scale()
    {
        var chart = new SalesChartGeometry(Enumerable.Range(0, 30).Select(i => new ChartDay(Start.AddDays(i), 0, 0m)).ToList(), m => m.ToString());
        Assert.Equal(30, chart.Bars.Count);
        Assert.All(chart.Bars, bar => Assert.Equal(0, bar.Height));
        Assert.Equal(SalesChartGeometry.TickCount + 1, chart.Ticks.Count);
        Assert.DoesNotContain("NaN", chart.RevenueLine, StringComparison.Ordinal);
        Assert.Equal(5, chart.LabelledBars.Count()); // every 7th day, ending today
        Assert.Same(chart.Bars[^1], chart.LabelledBars.Last());
    }

    [Fact]
    public void Validation_messages_name_the_field_by_its_label() =>
        Assert.Equal("Category is required.", AdminFormat.ForForm("categorySlug is required.", "categorySlug", "Category"));
}

public sealed class AdminFormatting
{
    [Theory]
    [InlineData(1234.5, "USD", "$1,234.50")]
    [InlineData(-3, "USD", "-$3.00")]
    [InlineData(9.99, "EUR", "€9.99")]
    [InlineData(10, "SEK", "10.00 SEK")]
    public void Money_is_written_with_its_symbol_and_two_decimals(decimal amount, string currency, string expected) =>
        Assert.Equal(expected, CloudMart.Web.Shared.Money.Format(amount, currency));

    [Fact]
    public void Days_are_written_with_english_month_names_whatever_the_server_culture() =>
        Assert.Equal("Mar 7", AdminFormat.Day(new DateOnly(2025, 3, 7)));
}
