using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

// Places orders at a steady rate (open loop: a slow server does not slow the offered load), then reads every
// order's history and reports the Placed → Confirmed lag. Usage:
//   PipelineLag <base-url> <admin-email> <admin-password> <rate/s> <seconds> [buyers] [warm-up seconds] [place-only]
// "place-only" places the orders and stops (the relay is off; bench/relay-drain.sh then times the backlog's delivery).
var baseUrl = new Uri(args[0]);
var (adminEmail, adminPassword) = (args[1], args[2]);
var rate = double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
var seconds = int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture);
var buyerCount = args.Length > 5 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 200;
// Warm-up (untimed): long enough for tiered JIT to optimise the hot paths, as in a shop that has been running.
var warmUpSeconds = args.Length > 6 ? int.Parse(args[6], System.Globalization.CultureInfo.InvariantCulture) : 20;
var placeOnly = args.Length > 7 && args[7] == "place-only";

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
async Task<string> LoginAsync(string email, string password)
{
    var response = await http.PostAsJsonAsync("/api/auth/login", new { email, password });
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
}
var admin = await LoginAsync(adminEmail, adminPassword);
var list = await http.GetFromJsonAsync<JsonElement>("/api/catalog/products?inStock=true&pageSize=50");
var productIds = list.GetProperty("items").EnumerateArray().Select(p => (Id: p.GetProperty("id").GetGuid(), Sku: p.GetProperty("sku").GetString()!)).ToList();
foreach (var (_, sku) in productIds)
{
    using var adjust = new HttpRequestMessage(HttpMethod.Post, $"/api/inventory/{sku}/adjustments") { Content = JsonContent.Create(new { delta = 1_000_000, reason = "Benchmark stock" }) };
    adjust.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
    (await http.SendAsync(adjust)).EnsureSuccessStatusCode();
}
var buyers = new List<string>();
var run = Guid.NewGuid().ToString("N")[..6];
for (var i = 0; i < buyerCount; i++)
{
    var email = $"lag{run}-{i}@bench.test";
    (await http.PostAsJsonAsync("/api/auth/register", new { email, password = "Bench-Passw0rd" })).EnsureSuccessStatusCode();
    buyers.Add(await LoginAsync(email, "Bench-Passw0rd"));
}

var statuses = new ConcurrentDictionary<int, int>();

// Warm up first (JIT, connection pools, caches, the set-up's own events), untimed, and let it settle.
var warmUp = new ConcurrentBag<Guid>();
await PlaceAtRateAsync(Math.Min(rate, 50), warmUpSeconds, warmUp);
if (!placeOnly)
{
    await DrainAsync();
}
statuses.Clear();

var placed = new ConcurrentBag<Guid>();
var offeredSeconds = await PlaceAtRateAsync(rate, seconds, placed);
if (placeOnly)
{
    Console.WriteLine($"placed={placed.Count} statuses={string.Join(',', statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}:{s.Value}"))} achieved={placed.Count / offeredSeconds:0}");
    return;
}

async Task<double> PlaceAtRateAsync(double atRate, double forSeconds, ConcurrentBag<Guid> placed)
{
    var total = (int)(atRate * forSeconds);
    var clock = Stopwatch.StartNew();
    var inflight = new List<Task>(total);
    for (var n = 0; n < total; n++)
    {
        var due = TimeSpan.FromSeconds(n / atRate);
        var wait = due - clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
        var token = buyers[n % buyers.Count];
        var product = productIds[n % productIds.Count].Id;
        inflight.Add(Task.Run(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
            {
                Content = JsonContent.Create(new { items = new[] { new { productId = product, quantity = 1 } }, shippingAddress = new { name = "Bench", line1 = "1 Load St", city = "Rate", postalCode = "1000", country = "US" }, paymentToken = "tok_visa" }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            try
            {
                using var response = await http.SendAsync(request);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, c) => c + 1);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    placed.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
                }
            }
            catch (Exception)
            {
                statuses.AddOrUpdate(0, 1, (_, c) => c + 1);
            }
        }));
    }
    await Task.WhenAll(inflight);
    return clock.Elapsed.TotalSeconds;
}


// Wait for the workflow to catch up, then read each order's history.
var drainSeconds = await DrainAsync();

async Task<double> DrainAsync()
{
    var drain = Stopwatch.StartNew();
    while (drain.Elapsed < TimeSpan.FromSeconds(120))
    {
        using var count = new HttpRequestMessage(HttpMethod.Get, "/api/orders?status=Placed&pageSize=1");
        count.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        var left = (await (await http.SendAsync(count)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("totalCount").GetInt32();
        if (left == 0)
        {
            break;
        }
        await Task.Delay(100);
    }
    return drain.Elapsed.TotalSeconds;
}
var lags = new List<double>();
var ids = placed.ToHashSet();
for (var page = 1; ; page++)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/orders?page={page}&pageSize=100");
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
    var json = await (await http.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
    foreach (var order in json.GetProperty("items").EnumerateArray().Where(o => ids.Contains(o.GetProperty("id").GetGuid())))
    {
        var history = order.GetProperty("history").EnumerateArray().ToList();
        var at = (string s) => history.Where(h => h.GetProperty("status").GetString() == s).Select(h => h.GetProperty("at").GetDateTime()).FirstOrDefault();
        if (at("Confirmed") != default)
        {
            lags.Add((at("Confirmed") - at("Placed")).TotalMilliseconds);
        }
    }
    if (page * 100 >= json.GetProperty("totalCount").GetInt32())
    {
        break;
    }
}
lags.Sort();
double Percentile(double p) => lags.Count == 0 ? double.NaN : lags[Math.Min(lags.Count - 1, (int)Math.Ceiling(p * lags.Count) - 1)];
Console.WriteLine($"rate_offered={rate} seconds={seconds} placed={placed.Count} statuses={string.Join(',', statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}:{s.Value}"))} achieved={placed.Count / offeredSeconds:0} confirmed={lags.Count} lag_p50_ms={Percentile(0.50):0.0} lag_p99_ms={Percentile(0.99):0.0} lag_max_ms={(lags.Count == 0 ? double.NaN : lags[^1]):0.0} drain_s={drainSeconds:0.0}");
