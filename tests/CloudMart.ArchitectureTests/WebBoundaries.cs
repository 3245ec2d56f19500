using System.Reflection;
using CloudMart.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
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
    public void Pages_never_touch_a_database_context()
    {
        var contexts = App.GetTypes()
            .Where(t => typeof(DbContext).IsAssignableFrom(t) && t.FullName is not null)
            .Select(t => t.FullName!)
            .Append(typeof(DbContext).FullName!)
            .ToArray();
        var result = Types.InAssembly(App)
            .That().ResideInNamespace("CloudMart.Web")
            .ShouldNot().HaveDependencyOnAny(contexts)
            .GetResult();
        Assert.True(result.IsSuccessful, $"Web types using a DbContext: {string.Join(", ", result.FailingTypeNames ?? [])}");
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
