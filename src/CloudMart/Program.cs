using CloudMart;
using CloudMart.Modules.Assistant;
using CloudMart.Modules.Assistant.Mcp;
using CloudMart.Modules.Cart;
using CloudMart.Modules.Catalog;
using CloudMart.Modules.Customers;
using CloudMart.Modules.Feedback;
using CloudMart.Modules.Inventory;
using CloudMart.Modules.Notifications;
using CloudMart.Modules.Ordering;
using CloudMart.Modules.Recommendations;
using CloudMart.Platform;
using CloudMart.Platform.Cli;
using CloudMart.Platform.Messaging.DeadLetters;
using CloudMart.Platform.Observability;
using CloudMart.Web;

Command command;
try
{
    command = Command.Parse(args);
}
catch (CommandLineException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
if (command.Verb == "help")
{
    Console.WriteLine(Command.Usage);
    return 0;
}

// Settings ship beside the binary, so the shop reads them wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = command.HostArgs, ContentRootPath = AppContext.BaseDirectory });
builder.AddPlatform(command, Subscriptions.Configure);
builder.Services
    .AddCustomers(builder.Configuration)
    .AddCatalog(builder.Configuration, runsHandlers: command.RunsHandlers)
    .AddInventory(builder.Configuration)
    .AddCart(builder.Configuration)
    .AddOrdering(builder.Configuration)
    .AddNotifications(builder.Configuration, runsHandlers: command.RunsHandlers)
    .AddAssistant(builder.Configuration)
    .AddRecommendations(builder.Configuration)
    .AddFeedback(builder.Configuration)
    .AddShopMcpServer();
builder.AddWeb();

var app = builder.Build();
if (command.Verb != "serve")
{
    try
    {
        return await CommandRunner.RunAsync(command, app.Services, CancellationToken.None);
    }
    catch (CommandLineException e)
    {
        Console.Error.WriteLine(e.Message);
        return 2;
    }
}

app.UsePlatform();
app.MapOperations();
if (command.Role != ServeRole.Worker)
{
    app.MapCustomers();
    app.MapCatalog();
    app.MapInventory();
    app.MapCart();
    app.MapOrdering();
    app.MapDeadLetters();
    app.MapNotifications();
    app.MapAssistant();
    app.MapRecommendations();
    app.MapShopMcpServer();
    app.MapApiReference();
    app.MapWeb();
}
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
