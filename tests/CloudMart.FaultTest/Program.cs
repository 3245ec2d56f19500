using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CloudMart.FaultTest;

// The crash proof of the order pipeline: place orders under load while killing the server with SIGKILL at random
// moments, restart it each time, then check that nothing was lost or done twice. Exit code 1 on any violation.
//
//   dotnet run --project tests/CloudMart.FaultTest -c Release -- --provider sqlite --orders 300 --kills 6
//   dotnet run --project tests/CloudMart.FaultTest -c Release -- --provider postgres --postgres "Host=…" --orders 2000 --kills 30
//   dotnet run --project tests/CloudMart.FaultTest -c Release -- --provider dynamodb --dynamodb http://127.0.0.1:56600 --orders 150 --kills 4
//     (Ordering and Inventory on DynamoDB, the workflow driven by the table's stream; the web process and a
//      worker both run the stream poller and take its shard from each other as they die)

var options = FaultOptions.Parse(args);
var random = new Random(options.Seed);
var dataDirectory = Path.Combine(Path.GetTempPath(), "cloudmart-fault", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(dataDirectory);
const string adminEmail = "admin@fault.test";
const string adminPassword = "Fault-Passw0rd";
var settings = new List<string>
{
    $"--CloudMart:DataDirectory={dataDirectory}",
    $"--CloudMart:Admin:Email={adminEmail}",
    $"--CloudMart:Admin:Password={adminPassword}",
    "--CloudMart:Seed:DemoCatalog=true", // its categories hold the test products
    "--CloudMart:RateLimits:SignInPerMinute=1000000",
    "--CloudMart:RateLimits:OrdersPerMinute=1000000",
    "--CloudMart:Relay:FirstRetryDelay=00:00:00.200",
    "--CloudMart:Relay:Lease=00:00:05",
    "--Logging:LogLevel:Default=Warning",
    "--CloudMart:Webhooks:AllowPrivateNetworks=true", // the receiver listens on loopback
    "--CloudMart:Webhooks:FirstRetryDelay=00:00:00.200",
};
using var receiver = new Receiver();
string? database = null;
if (options.Provider == "postgres")
{
    database = "cm_fault_" + Guid.NewGuid().ToString("N")[..10];
    await Postgres.CreateAsync(options.Postgres!, database);
    settings.Add("--CloudMart:Database:Provider=Postgres");
    settings.Add($"--ConnectionStrings:Postgres={Postgres.For(options.Postgres!, database)}");
}
var appDll = Path.Combine(AppContext.BaseDirectory, "CloudMart.dll");
if (!File.Exists(appDll))
{
    appDll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/CloudMart/bin", options.Configuration, "net10.0/CloudMart.dll"));
}
string? table = null;
if (options.Provider == "dynamodb")
{
    table = "cm-fault-" + Guid.NewGuid().ToString("N")[..10];
    List<string> dynamo =
    [
        $"--CloudMart:DynamoDb:TableName={table}",
        $"--CloudMart:DynamoDb:ServiceUrl={options.DynamoDb}",
        "--CloudMart:DynamoDb:Region=us-east-1",
        "--CloudMart:DynamoDb:RequestTimeoutSeconds=60",
        "--CloudMart:DynamoDb:Streams:Lease=00:00:05",
        "--CloudMart:DynamoDb:Streams:ShardRefresh=00:00:02",
    ];
    await DynamoDb.CreateTableAsync(appDll, dynamo);
    settings.AddRange(dynamo);
}
var processes = new List<ShopProcess> { new("web+worker", appDll, "all", settings) };
for (var i = 1; i < options.Workers; i++)
{
    processes.Add(new ShopProcess($"worker{i}", appDll, "worker", settings));
}
var web = processes[0];
var stopwatch = Stopwatch.StartNew();
var failures = new List<string>();
try
{
    foreach (var process in processes)
    {
        await process.StartAsync(CancellationToken.None);
    }
    var shop = new ShopClient(web.BaseAddress);
    var admin = await shop.SignInAsync(adminEmail, adminPassword);
    await shop.RegisterWebhookAsync(admin, receiver.Url, ["OrderPlaced", "OrderConfirmed", "OrderPaymentFailed"]);
    var products = new List<(Guid Id, string Sku, int Initial)>();
    for (var i = 0; i < options.Products; i++)
    {
        var initial = options.Orders / 2 + 50;
        products.Add(await shop.CreateProductAsync(admin, $"FLT-{i:D3}", initial));
    }
    var buyers = new List<string>();
    for (var i = 0; i < options.Buyers; i++)
    {
        buyers.Add(await shop.RegisterAsync($"buyer{i}@fault.test", "Buyer-Passw0rd"));
    }
    Console.WriteLine($"{options.Provider}: {processes.Count} process(es), {products.Count} products, {buyers.Count} buyers; placing {options.Orders} orders with {options.Kills} SIGKILLs");

    // Pace the buyers so the load spans every kill (a restart takes about two seconds): the kills land mid-load.
    var rate = options.Rate > 0 ? options.Rate : Math.Max(5.0, options.Orders / (Math.Max(1, options.Kills) * 2.5));
    var pause = TimeSpan.FromSeconds(options.Concurrency / rate);
    stopwatch.Restart();
    var accepted = new ConcurrentDictionary<Guid, string>(); // order id → number
    var attempts = 0;
    var retriedAfterCrash = 0;
    using var loadDone = new CancellationTokenSource();
    var placed = 0;
    async Task BuyerLoopAsync(int worker)
    {
        var rng = new Random(options.Seed + worker);
        while (Interlocked.CompareExchange(ref placed, 0, 0) < options.Orders)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(pause.TotalMilliseconds * (0.5 + rng.NextDouble())));
            var token = buyers[rng.Next(buyers.Count)];
            var product = products[rng.Next(products.Count)];
            var payment = rng.NextDouble() < 0.8 ? "tok_visa" : "tok_chargeDeclined";
            var key = Guid.NewGuid().ToString();
            var body = new { items = new[] { new { productId = product.Id, quantity = rng.Next(1, 3) } }, shippingAddress = new { name = "Fault Test", line1 = "1 Crash Lane", city = "Kill", postalCode = "9000", country = "US" }, paymentToken = payment };
            // The same Idempotency-Key is retried until the server answers: a crash mid-request must not lose or double an order.
            while (true)
            {
                Interlocked.Increment(ref attempts);
                var response = await shop.TryPlaceAsync(token, key, body);
                if (response is null)
                {
                    Interlocked.Increment(ref retriedAfterCrash);
                    await Task.Delay(100);
                    continue;
                }
                if (response.Value.Status == HttpStatusCode.Created)
                {
                    accepted[response.Value.Id] = response.Value.Number;
                    Interlocked.Increment(ref placed);
                }
                break;
            }
        }
    }
    async Task KillerAsync()
    {
        var interval = TimeSpan.FromSeconds(Math.Max(0.3, options.Orders / rate / Math.Max(1, options.Kills) - 2));
        var kills = 0;
        while (kills < options.Kills && Volatile.Read(ref placed) < options.Orders)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(interval.TotalMilliseconds * (0.5 + random.NextDouble())));
            var victim = processes[kills % processes.Count]; // every process dies in turn
            victim.Kill();
            kills++;
            await victim.StartAsync(CancellationToken.None);
        }
        // Kills still owed when the orders ran out happen now, during settling.
        while (kills < options.Kills)
        {
            var victim = processes[kills % processes.Count];
            victim.Kill();
            kills++;
            await victim.StartAsync(CancellationToken.None);
            await Task.Delay(300);
        }
    }
    var killsBeforeLoadEnded = 0;
    var load = Enumerable.Range(0, options.Concurrency).Select(BuyerLoopAsync).ToList();
    var buyersDone = Task.WhenAll(load).ContinueWith(_ => killsBeforeLoadEnded = processes.Sum(p => p.Kills), TaskScheduler.Default);
    await Task.WhenAll(load.Append(KillerAsync()).Append(buyersDone));
    var loadSeconds = stopwatch.Elapsed.TotalSeconds;
    var killsDuringLoad = killsBeforeLoadEnded;

    // Every order must settle without manual help.
    var settleWatch = Stopwatch.StartNew();
    while (await shop.CountAsync(admin, "Placed") > 0 && settleWatch.Elapsed < TimeSpan.FromSeconds(120))
    {
        await Task.Delay(250);
    }
    var settleSeconds = settleWatch.Elapsed.TotalSeconds;

    // Ship a share of the confirmed orders, so stock conservation covers shipped units too.
    var orders = await shop.AllOrdersAsync(admin);
    var shippedUnits = new Dictionary<Guid, int>();
    foreach (var order in orders.Where(o => o.Status == "Confirmed").Take(orders.Count / 5))
    {
        await shop.ShipAsync(admin, order.Id);
        foreach (var line in order.Lines)
        {
            shippedUnits[line.ProductId] = shippedUnits.GetValueOrDefault(line.ProductId) + line.Quantity;
        }
    }
    orders = await shop.AllOrdersAsync(admin);

    // The checks.
    var byId = orders.ToDictionary(o => o.Id);
    var missing = accepted.Keys.Count(id => !byId.ContainsKey(id));
    if (missing > 0) failures.Add($"{missing} order(s) that got a 201 do not exist");
    var unsettled = orders.Count(o => o.Status == "Placed");
    if (unsettled > 0) failures.Add($"{unsettled} order(s) still Placed after {settleSeconds:0} s");
    var stockViolations = 0;
    var conservationViolations = 0;
    var reservationViolations = 0;
    foreach (var product in products)
    {
        var stock = await shop.StockAsync(admin, product.Sku);
        if (stock.Available < 0 || stock.Available != stock.OnHand - stock.Reserved) stockViolations++;
        if (product.Initial != stock.OnHand + shippedUnits.GetValueOrDefault(product.Id)) conservationViolations++;
        var held = orders.Where(o => o.Status is "Placed" or "Confirmed").SelectMany(o => o.Lines).Where(l => l.ProductId == product.Id).Sum(l => l.Quantity);
        if (held != stock.Reserved) reservationViolations++;
    }
    if (stockViolations > 0) failures.Add($"{stockViolations} product(s) with available < 0 or available != onHand - reserved");
    if (conservationViolations > 0) failures.Add($"{conservationViolations} product(s) where initial != on hand + shipped");
    if (reservationViolations > 0) failures.Add($"{reservationViolations} product(s) whose reserved units differ from the open orders' quantities");
    var mailFolder = Path.Combine(dataDirectory, "mail");
    var confirmationsWanted = orders.Count(o => o.WasConfirmed);
    var mailCounts = orders.Where(o => o.WasConfirmed)
        .Select(o => Directory.Exists(mailFolder) ? Directory.GetFiles(mailFolder, $"order-confirmed-{o.Number}-*.eml").Length : 0).ToList();
    var wrongMail = mailCounts.Count(c => c != 1);
    var strayMail = orders.Where(o => !o.WasConfirmed).Count(o => Directory.Exists(mailFolder) && Directory.GetFiles(mailFolder, $"order-confirmed-{o.Number}-*.eml").Length > 0);
    if (wrongMail > 0) failures.Add($"{wrongMail} confirmed order(s) without exactly one confirmation e-mail");
    if (strayMail > 0) failures.Add($"{strayMail} unconfirmed order(s) with a confirmation e-mail");
    var deadLetters = await shop.DeadLetterCountAsync(admin);

    // Webhooks: each order's OrderPlaced and its settlement reached the receiver at least once, and acted once.
    bool WebhooksComplete() => accepted.Keys.All(id =>
        receiver.Events.Values.Any(e => e.OrderId == id.ToString() && e.Type == "OrderPlaced")
        && receiver.Events.Values.Any(e => e.OrderId == id.ToString() && e.Type is "OrderConfirmed" or "OrderPaymentFailed"));
    var webhookWatch = Stopwatch.StartNew();
    while (!WebhooksComplete() && webhookWatch.Elapsed < TimeSpan.FromSeconds(120))
    {
        await Task.Delay(250);
    }
    var ordersWithoutWebhooks = accepted.Keys.Count(id =>
        !receiver.Events.Values.Any(e => e.OrderId == id.ToString() && e.Type == "OrderPlaced")
        || !receiver.Events.Values.Any(e => e.OrderId == id.ToString() && e.Type is "OrderConfirmed" or "OrderPaymentFailed"));
    var actedTwice = receiver.Events.Values.Count(e => e.Effects != 1);
    if (ordersWithoutWebhooks > 0) failures.Add($"{ordersWithoutWebhooks} order(s) whose webhooks never arrived");
    if (actedTwice > 0) failures.Add($"{actedTwice} webhook event(s) acted on more than once");

    Console.WriteLine($"""
        ---- fault test ({options.Provider}, {processes.Count} process(es)) ----
        SIGKILLs                        {processes.Sum(p => p.Kills)} ({string.Join(", ", processes.Select(p => $"{p.Name} {p.Kills}"))}), {killsDuringLoad} while orders were being placed
        orders accepted (201)           {accepted.Count}   (requests {attempts}, retried after a crash {retriedAfterCrash})
        orders found                    {accepted.Keys.Count(byId.ContainsKey)} / {accepted.Count}
        settled                         Confirmed {orders.Count(o => o.Status == "Confirmed")}, Shipped {orders.Count(o => o.Status == "Shipped")}, PaymentFailed {orders.Count(o => o.Status == "PaymentFailed")}, Cancelled {orders.Count(o => o.Status == "Cancelled")}, still Placed {unsettled}
        stock invariant violations      {stockViolations}  (available = onHand - reserved >= 0)
        conservation violations         {conservationViolations}  (initial = on hand + shipped)
        reservation mismatches          {reservationViolations}  (reserved = units of open orders)
        confirmation e-mails            {mailCounts.Count(c => c == 1)} of {confirmationsWanted} confirmed orders have exactly one; {strayMail} stray
        webhooks                        {receiver.Events.Count} distinct events in {receiver.Deliveries} deliveries ({receiver.Deliveries - receiver.Events.Count} redelivered, deduped); {ordersWithoutWebhooks} order(s) missing one; acted twice {actedTwice}
        dead letters                    {deadLetters}
        load {loadSeconds:0.0} s at about {rate:0} orders/s offered, settling {settleSeconds:0.0} s
        RESULT: {(failures.Count == 0 ? "PASS" : "FAIL — " + string.Join("; ", failures))}
        """);
}
finally
{
    foreach (var process in processes)
    {
        process.Dispose();
    }
    if (database is not null)
    {
        await Postgres.DropAsync(options.Postgres!, database);
    }
    if (table is not null)
    {
        await DynamoDb.DeleteTableAsync(options.DynamoDb!, table);
    }
    try
    {
        Directory.Delete(dataDirectory, recursive: true);
    }
    catch (IOException)
    {
    }
}
return failures.Count == 0 ? 0 : 1;
