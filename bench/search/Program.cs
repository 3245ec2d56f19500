// Vector index benchmark: N random 384-d unit vectors in the app's VectorMatrix (the same source file), then Q
// top-k queries. Prints load time, managed memory and query latency percentiles.
// Usage: SearchBench [--rows 100000] [--dims 384] [--queries 200] [--k 200]
using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using CloudMart.Modules.Catalog.ProductVectors;

var rows = Arg("--rows", 100_000);
var dims = Arg("--dims", 384);
var queries = Arg("--queries", 200);
var k = Arg("--k", 200);
var random = new Random(42);

float[] UnitVector()
{
    var v = new float[dims];
    for (var i = 0; i < dims; i++)
    {
        v[i] = (float)((random.NextDouble() * 2) - 1);
    }
    TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
    return v;
}

var before = GC.GetTotalMemory(forceFullCollection: true);
using var matrix = new VectorMatrix(dims);
var load = Stopwatch.StartNew();
for (var i = 0; i < rows; i++)
{
    matrix.Upsert(Guid.CreateVersion7(), UnitVector());
}
load.Stop();
var after = GC.GetTotalMemory(forceFullCollection: true);

var probes = Enumerable.Range(0, queries).Select(_ => UnitVector()).ToArray();
for (var i = 0; i < 10; i++)
{
    matrix.Nearest(probes[i % probes.Length], k); // warm-up: JIT and caches
}
var times = new double[queries];
for (var i = 0; i < queries; i++)
{
    var watch = Stopwatch.StartNew();
    var found = matrix.Nearest(probes[i], k);
    times[i] = watch.Elapsed.TotalMilliseconds;
    if (found.Count != Math.Min(k, rows))
    {
        throw new InvalidOperationException("wrong result size");
    }
}
Array.Sort(times);
var inv = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(inv, $"rows={rows} dims={dims} k={k} load_s={load.Elapsed.TotalSeconds:0.00} matrix_mb={matrix.AllocatedBytes / 1048576.0:0.0} managed_mb={(after - before) / 1048576.0:0.0}"));
Console.WriteLine(string.Create(inv, $"query_ms p50={times[queries / 2]:0.00} p90={times[queries * 9 / 10]:0.00} p99={times[Math.Min(queries - 1, queries * 99 / 100)]:0.00} max={times[^1]:0.00}"));
return 0;

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

