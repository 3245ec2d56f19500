namespace CloudMart.Modules.Recommendations.Model;

/// <summary>
/// Buyer and co-purchase counts over items numbered 0..n-1, built in memory from each customer's set of bought
/// items. <c>cloudmart recommendations train</c> builds it from the module's purchases to rewrite the stored counts;
/// the offline evaluation builds it from a CSV and asks <see cref="CoPurchaseRecommender"/> the API's questions.
/// </summary>
internal sealed class CoPurchaseCounts
{
    private readonly int[] _buyers;
    private readonly Neighbour<int>[][] _neighbours;

    private CoPurchaseCounts(int[] buyers, Neighbour<int>[][] neighbours)
    {
        _buyers = buyers;
        _neighbours = neighbours;
    }

    public int BuyersOf(int item) => _buyers[item];

    /// <summary>Co-bought items, most customers in common first (ties by item number).</summary>
    public IReadOnlyList<Neighbour<int>> NeighboursOf(int item) => _neighbours[item];

    public long PairCount => _neighbours.Sum(n => (long)n.Length);

    public Seed<int> SeedFor(int item) => new(item, 1, _buyers[item], _neighbours[item]);

    /// <summary>Items by number of buyers, most first (ties by item number).</summary>
    public List<(int Item, int Buyers)> MostBought(int count) =>
        Enumerable.Range(0, _buyers.Length).Where(i => _buyers[i] > 0)
            .OrderByDescending(i => _buyers[i]).ThenBy(i => i)
            .Take(count).Select(i => (i, _buyers[i])).ToList();

    /// <param name="itemsOfCustomers">Each customer's distinct items.</param>
    /// <param name="minTogether">Pairs with fewer customers in common are not kept (1 keeps every pair).</param>
    /// <param name="neighbourLimit">Neighbours kept per item, the most co-bought first.</param>
    /// <param name="progress">Items done so far, reported now and then.</param>
    public static CoPurchaseCounts Build(IReadOnlyList<int[]> itemsOfCustomers, int itemCount, int minTogether, int neighbourLimit, IProgress<int>? progress = null)
    {
        var buyers = new int[itemCount];
        foreach (var items in itemsOfCustomers)
        {
            foreach (var item in items)
            {
                buyers[item]++;
            }
        }
        // Inverted index: the customers of each item, so each item's co-purchases are one pass over its buyers' baskets.
        var customersOf = new int[itemCount][];
        var fill = new int[itemCount];
        for (var i = 0; i < itemCount; i++)
        {
            customersOf[i] = new int[buyers[i]];
        }
        for (var c = 0; c < itemsOfCustomers.Count; c++)
        {
            foreach (var item in itemsOfCustomers[c])
            {
                customersOf[item][fill[item]++] = c;
            }
        }

        var neighbours = new Neighbour<int>[itemCount][];
        var together = new int[itemCount];
        var touched = new List<int>();
        for (var item = 0; item < itemCount; item++)
        {
            foreach (var customer in customersOf[item])
            {
                foreach (var other in itemsOfCustomers[customer])
                {
                    if (other != item && together[other]++ == 0)
                    {
                        touched.Add(other);
                    }
                }
            }
            var kept = new List<Neighbour<int>>();
            foreach (var other in touched)
            {
                if (together[other] >= minTogether)
                {
                    kept.Add(new Neighbour<int>(other, together[other], buyers[other]));
                }
                together[other] = 0;
            }
            touched.Clear();
            kept.Sort(static (a, b) => a.Together != b.Together ? b.Together.CompareTo(a.Together) : a.Item.CompareTo(b.Item));
            neighbours[item] = kept.Count > neighbourLimit ? kept.GetRange(0, neighbourLimit).ToArray() : kept.ToArray();
            if ((item & 1023) == 1023)
            {
                progress?.Report(item + 1);
            }
        }
        progress?.Report(itemCount);
        return new CoPurchaseCounts(buyers, neighbours);
    }
}
