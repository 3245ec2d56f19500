using System.Globalization;

namespace CloudMart.Bench.Recommendations;

/// <summary>
/// The shape of a synthetic shop's purchase history. Items fall into clusters (think "espresso machine, grinder,
/// tamper, descaler"); each user has a home cluster and fills most basket slots from it, the rest from the whole
/// catalog with Zipf-skewed popularity. So co-purchase structure is planted and known, and a popularity ranking
/// has real best-sellers to find.
/// </summary>
internal sealed record SyntheticShape(
    int Users, int Items, int ClusterSize, int MinBaskets, int MaxBaskets, int MinBasketSize, int MaxBasketSize,
    double InClusterShare, bool WithBaskets, bool IsoTimestamps, int Seed)
{
    /// <summary>About <paramref name="interactions"/> rows: 4 baskets of 2.5 items a user on average, 10 users an item.</summary>
    public static SyntheticShape About(int interactions, bool withBaskets = true, bool isoTimestamps = true, int seed = 7)
    {
        var users = Math.Max(10, interactions / 10);
        return new SyntheticShape(users, Math.Max(20, users / 10), 10, 2, 6, 1, 4, 0.7, withBaskets, isoTimestamps, seed);
    }
}

/// <summary>Writes a synthetic interactions CSV (<c>user,item,timestamp[,basket]</c>) for the offline evaluation, deterministically.</summary>
internal static class SyntheticInteractions
{
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <returns>The number of rows written.</returns>
    public static long Write(TextWriter writer, SyntheticShape shape)
    {
        var random = new Random(shape.Seed);
        var popularity = ZipfCumulative(shape.Items, 1.0);
        var clusters = Math.Max(1, shape.Items / shape.ClusterSize);
        writer.WriteLine(shape.WithBaskets ? "user,item,timestamp,basket" : "user,item,timestamp");
        long rows = 0;
        var basketItems = new HashSet<int>();
        for (var user = 0; user < shape.Users; user++)
        {
            var home = random.Next(clusters);
            var time = Start.AddMinutes(random.Next(60 * 24 * 30));
            var baskets = random.Next(shape.MinBaskets, shape.MaxBaskets + 1);
            for (var basket = 0; basket < baskets; basket++)
            {
                time = time.AddHours(1 + random.Next(24 * 20));
                var size = random.Next(shape.MinBasketSize, shape.MaxBasketSize + 1);
                basketItems.Clear();
                while (basketItems.Count < size)
                {
                    basketItems.Add(random.NextDouble() < shape.InClusterShare
                        ? home * shape.ClusterSize + random.Next(shape.ClusterSize)
                        : Sample(popularity, random));
                }
                // Each basket's items share one timestamp, so a file without baskets still holds out whole baskets.
                var stamp = shape.IsoTimestamps
                    ? time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
                    : ((long)(time - DateTime.UnixEpoch).TotalSeconds).ToString(CultureInfo.InvariantCulture);
                foreach (var item in basketItems)
                {
                    writer.Write('u');
                    writer.Write(user.ToString(CultureInfo.InvariantCulture));
                    writer.Write(",i");
                    writer.Write(item.ToString(CultureInfo.InvariantCulture));
                    writer.Write(',');
                    writer.Write(stamp);
                    if (shape.WithBaskets)
                    {
                        writer.Write(",b");
                        writer.Write(user.ToString(CultureInfo.InvariantCulture));
                        writer.Write('-');
                        writer.Write(basket.ToString(CultureInfo.InvariantCulture));
                    }
                    writer.WriteLine();
                    rows++;
                }
            }
        }
        return rows;
    }

    public static long WriteFile(string path, SyntheticShape shape)
    {
        using var writer = new StreamWriter(path);
        return Write(writer, shape);
    }

    /// <summary>Cumulative Zipf weights over items in a shuffled order, so best-sellers are spread over the clusters.</summary>
    private static double[] ZipfCumulative(int items, double exponent)
    {
        var order = Enumerable.Range(0, items).ToArray();
        new Random(items).Shuffle(order);
        var weights = new double[items];
        for (var rank = 0; rank < items; rank++)
        {
            weights[order[rank]] = 1 / Math.Pow(rank + 1, exponent);
        }
        var cumulative = new double[items];
        var sum = 0.0;
        for (var i = 0; i < items; i++)
        {
            sum += weights[i];
            cumulative[i] = sum;
        }
        for (var i = 0; i < items; i++)
        {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    private static int Sample(double[] cumulative, Random random)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(cumulative.Length - 1, index < 0 ? ~index : index);
    }
}
