using System.Reflection;
using CloudMart.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NetArchTest.Rules;

namespace CloudMart.ArchitectureTests;

/// <summary>
/// The modular monolith's rules: a module is a folder whose insides are its own. Others reach it only through its
/// Contracts (facades and integration events), and its tables belong to it alone.
/// </summary>
public sealed class ModuleBoundaries
{
    private static readonly Assembly App = typeof(DatabaseSession).Assembly;
    private const string ModulesNamespace = "CloudMart.Modules.";

    public static TheoryData<string> Modules() => new(ModuleNames());

    private static IEnumerable<string> ModuleNames() =>
        App.GetTypes()
            .Select(t => t.Namespace ?? "")
            .Where(ns => ns.StartsWith(ModulesNamespace, StringComparison.Ordinal))
            .Select(ns => ns[ModulesNamespace.Length..].Split('.')[0])
            .Distinct()
            .Order();

    private static string[] InternalsOf(string module) =>
        App.GetTypes()
            .Where(t => t.FullName is not null && t.Namespace is { } ns
                && (ns == ModulesNamespace + module || ns.StartsWith($"{ModulesNamespace}{module}.", StringComparison.Ordinal))
                && !ns.StartsWith($"{ModulesNamespace}{module}.Contracts", StringComparison.Ordinal))
            .Select(t => t.FullName!.Split('`')[0])
            .Distinct()
            .ToArray();

    [Fact]
    public void The_shop_has_its_five_core_modules()
    {
        Assert.Superset(new HashSet<string> { "Catalog", "Inventory", "Cart", "Ordering", "Customers" }, ModuleNames().ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void No_module_reaches_into_another_modules_internals(string module)
    {
        foreach (var other in ModuleNames().Where(m => m != module))
        {
            var result = Types.InAssembly(App)
                .That().ResideInNamespace(ModulesNamespace + module)
                .ShouldNot().HaveDependencyOnAny(InternalsOf(other))
                .GetResult();
            Assert.True(result.IsSuccessful,
                $"{module} uses internals of {other} (only {other}.Contracts is open to it): {string.Join(", ", result.FailingTypeNames ?? [])}");
        }
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Contracts_depend_on_no_module_internals(string module)
    {
        var result = Types.InAssembly(App)
            .That().ResideInNamespace($"{ModulesNamespace}{module}.Contracts")
            .ShouldNot().HaveDependencyOnAny(ModuleNames().SelectMany(InternalsOf).ToArray())
            .GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Only_contracts_are_public_inside_modules()
    {
        var result = Types.InAssembly(App)
            .That().ResideInNamespace("CloudMart.Modules")
            .And().DoNotResideInNamespaceMatching(@"^CloudMart\.Modules\.\w+\.Contracts")
            .And().DoNotResideInNamespaceMatching(@"\.Migrations\.")
            .ShouldNot().BePublic()
            .GetResult();
        Assert.True(result.IsSuccessful, "Make these internal: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void The_platform_does_not_depend_on_modules_except_where_the_host_is_composed()
    {
        var result = Types.InAssembly(App)
            .That().ResideInNamespace("CloudMart.Platform")
            .And().DoNotResideInNamespace("CloudMart.Platform.Cli") // the command line composes module verbs
            .And().DoNotHaveName("ShopStartup") // start-up seeds each module
            .ShouldNot().HaveDependencyOn("CloudMart.Modules")
            .GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Each_module_maps_only_its_own_tables_and_no_table_has_two_owners()
    {
        var owners = new Dictionary<string, string>();
        foreach (var context in App.GetTypes().Where(t => t.IsSubclassOf(typeof(DbContext)) && !t.IsAbstract && t.Name.StartsWith("Sqlite", StringComparison.Ordinal)))
        {
            var module = context.Name["Sqlite".Length..^"DbContext".Length].ToLowerInvariant();
            var prefix = module == "messaging" ? "platform_" : module + "_";
            var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(context))!;
            var options = builder.UseSqlite("Data Source=:memory:").Options;
            using var db = (DbContext)Activator.CreateInstance(context, options, null)!;
            foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct())
            {
                Assert.True(table.StartsWith(prefix, StringComparison.Ordinal), $"{context.Name} maps {table}, which is not one of its ({prefix}*) tables.");
                Assert.False(owners.TryGetValue(table, out var owner) && owner != context.Name, $"{table} is mapped by {owner} and {context.Name}.");
                owners[table] = context.Name;
            }
        }
        Assert.True(owners.Count >= 10, $"Expected the modules' tables, found {owners.Count}.");
    }

    [Fact]
    public void Every_module_context_has_a_migration_for_each_provider()
    {
        foreach (var context in App.GetTypes().Where(t => t.IsSubclassOf(typeof(DbContext)) && !t.IsAbstract))
        {
            var hasMigration = App.GetTypes().Any(t => t.GetCustomAttribute<Microsoft.EntityFrameworkCore.Infrastructure.DbContextAttribute>()?.ContextType == context
                && t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration)));
            Assert.True(hasMigration, $"{context.Name} has no migration: run scripts/add-migration.sh.");
        }
    }
}
