using System.Reflection;
using CloudMart.Platform.Persistence;
using NetArchTest.Rules;

namespace CloudMart.ArchitectureTests;

/// <summary>
/// The storefront and back-office call the modules' application code, the same code the API runs; they never query a
/// module's tables themselves, so every rule, event and cache eviction happens whichever door a change comes through.
/// </summary>
public sealed class WebBoundaries
{
    private static readonly Assembly App = typeof(DatabaseSession).Assembly;

    [Fact]
    public void Pages_never_query_a_database_themselves()
    {
        // A page may hand a module's context to that module's handler; it never builds a query of its own.
        string[] queryApis =
        [
            "Microsoft.EntityFrameworkCore.DbSet`1",
            "Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions",
            "Microsoft.EntityFrameworkCore.RelationalQueryableExtensions",
            "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions",
            "System.Linq.Queryable",
        ];
        var result = Types.InAssembly(App)
            .That().ResideInNamespace("CloudMart.Web")
            .ShouldNot().HaveDependencyOnAny(queryApis)
            .GetResult();
        Assert.True(result.IsSuccessful, $"Web types querying a database: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void No_module_depends_on_the_web_layer()
    {
        var result = Types.InAssembly(App)
            .That().ResideInNamespace("CloudMart.Modules")
            .ShouldNot().HaveDependencyOn("CloudMart.Web")
            .GetResult();
        Assert.True(result.IsSuccessful, $"Module types using the web layer: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }
}
