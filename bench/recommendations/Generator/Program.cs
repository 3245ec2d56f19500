using System.Globalization;
using CloudMart.Bench.Recommendations;

// Usage: Generator <out.csv> [interactions=500000] [--no-baskets] [--numeric-times]
if (args.Length < 1)
{
    Console.Error.WriteLine("Usage: Generator <out.csv> [interactions] [--no-baskets] [--numeric-times]");
    return 2;
}
var target = args.Length > 1 && !args[1].StartsWith('-') ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500_000;
var shape = SyntheticShape.About(target, withBaskets: !args.Contains("--no-baskets"), isoTimestamps: !args.Contains("--numeric-times"));
var rows = SyntheticInteractions.WriteFile(args[0], shape);
Console.WriteLine($"{rows} interactions, {shape.Users} users, {shape.Items} items in clusters of {shape.ClusterSize} → {args[0]}");
return 0;
