// Open-loop load at a fixed request rate, like wrk2: request i is due at start + i/rate whether or not earlier ones
// have answered, so a slow server cannot slow the client down and hide its queueing ("coordinated omission").
// Two latencies are recorded per request: from the moment it was due (the corrected one, what a user at that rate
// would see) and from the moment it was actually sent (comparable to wrk's). Requests are dispatched by a 1 ms
// ticker thread, so a request can be sent up to ~1 ms after it was due; that shows in the corrected figure only.
// Usage: LoadClient --url URL --rate R --seconds S [--connections 64] [--warmup 2]
// Prints: RESULT rate=.. seconds=.. sent=.. completed=.. errors=.. achieved_rps=.. status_200=.. p50_ms=.. p90_ms=.. p99_ms=.. max_ms=.. due_p50_ms=.. due_p99_ms=..
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

var url = Arg("--url") ?? throw new ArgumentException("--url is required");
var rate = double.Parse(Arg("--rate") ?? throw new ArgumentException("--rate is required"), CultureInfo.InvariantCulture);
var seconds = double.Parse(Arg("--seconds") ?? "15", CultureInfo.InvariantCulture);
var connections = int.Parse(Arg("--connections") ?? "64", CultureInfo.InvariantCulture);
var warmupSeconds = double.Parse(Arg("--warmup") ?? "2", CultureInfo.InvariantCulture);
var uri = new Uri(url);
if (!IPAddress.TryParse(uri.Host, out var address) || !IPAddress.IsLoopback(address))
{
    Console.Error.WriteLine("Only loopback addresses (e.g. 127.0.0.1) may be load-tested.");
    return 2;
}

ThreadPool.SetMinThreads(4, 4);
using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = connections,
    UseProxy = false,
    UseCookies = false,
    AutomaticDecompression = DecompressionMethods.None,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
};
using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };

if (warmupSeconds > 0)
{
    await RunAsync(warmupSeconds, record: false); // opens the connections and warms the client's own code
}
var result = await RunAsync(seconds, record: true);
Console.WriteLine(result);
return 0;

async Task<string> RunAsync(double duration, bool record)
{
    var total = (int)Math.Round(rate * duration);
    var fromDue = new double[total];
    var fromSent = new double[total];
    var statuses = new ConcurrentDictionary<int, int>();
    var errors = 0;
    var inFlight = new List<Task>(total);
    var ticksPerRequest = Stopwatch.Frequency / rate;
    var start = Stopwatch.GetTimestamp();
    // A dedicated thread sleeping 1 ms at a time (timer-based Task.Delay is coarser) sends every request that is due.
    var dispatched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    var dispatcher = new Thread(() =>
    {
        var next = 0;
        while (next < total)
        {
            var now = Stopwatch.GetTimestamp();
            while (next < total && start + (long)(next * ticksPerRequest) <= now)
            {
                var index = next++;
                var due = start + (long)(index * ticksPerRequest);
                inFlight.Add(Task.Run(() => SendAsync(index, due)));
            }
            if (next < total)
            {
                Thread.Sleep(1);
            }
        }
        dispatched.SetResult();
    }) { IsBackground = true };
    dispatcher.Start();
    await dispatched.Task; // never block a pool thread: on one core the pool may have only one

    await Task.WhenAll(inFlight);
    var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
    if (!record)
    {
        return "";
    }
    var completed = statuses.Values.Sum();
    Array.Sort(fromDue);
    Array.Sort(fromSent);
    var statusText = string.Join(' ', statuses.OrderBy(s => s.Key).Select(s => $"status_{s.Key}={s.Value}"));
    return string.Create(CultureInfo.InvariantCulture,
        $"RESULT rate={rate:0} seconds={elapsed:0.00} sent={total} completed={completed} errors={errors} achieved_rps={completed / elapsed:0.0} {statusText} " +
        $"p50_ms={P(fromSent, 0.50):0.000} p90_ms={P(fromSent, 0.90):0.000} p99_ms={P(fromSent, 0.99):0.000} max_ms={fromSent[^1]:0.000} " +
        $"due_p50_ms={P(fromDue, 0.50):0.000} due_p99_ms={P(fromDue, 0.99):0.000} due_max_ms={fromDue[^1]:0.000}");

    async Task SendAsync(int index, long due)
    {
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseContentRead);
            _ = await response.Content.ReadAsByteArrayAsync();
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
        }
        catch (Exception)
        {
            Interlocked.Increment(ref errors);
        }
        var end = Stopwatch.GetTimestamp();
        fromDue[index] = Stopwatch.GetElapsedTime(due, end).TotalMilliseconds;
        fromSent[index] = Stopwatch.GetElapsedTime(sent, end).TotalMilliseconds;
    }
}

static double P(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
