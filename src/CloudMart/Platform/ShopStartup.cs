using CloudMart.Modules.Catalog.SeedDemoCatalog;
using CloudMart.Modules.Customers.SeedAdministrator;

namespace CloudMart.Platform;

/// <summary>
/// Before the server takes requests: apply migrations (unless turned off), make sure roles and the configured
/// administrator exist, and give an empty shop its demo catalog (unless <c>CloudMart:Seed:DemoCatalog</c> is false).
/// </summary>
internal sealed class ShopStartup(IServiceProvider services, DatabaseOptions database, IConfiguration configuration) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (database.MigrateOnStart)
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        }
        await SeedAccountsAsync(services);
        if (configuration.GetValue("CloudMart:Seed:DemoCatalog", true))
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoCatalogSeeder>().SeedIfEmptyAsync(cancellationToken);
        }
    }

    public static async Task SeedAccountsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdministratorSeeder>().EnsureAsync();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
