using CloudMart.Modules.Assistant.Data;
using CloudMart.Modules.Assistant.Evaluate;
using CloudMart.Modules.Assistant.Intents;
using CloudMart.Modules.Assistant.Policies;
using CloudMart.Modules.Assistant.Support;
using CloudMart.Modules.Assistant.Tools;

namespace CloudMart.Modules.Assistant;

internal static class AssistantModule
{
    public static IServiceCollection AddAssistant(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<AssistantDbContext, SqliteAssistantDbContext, PostgresAssistantDbContext>("assistant");
        services.AddHttpContextAccessor();
        services.AddSingleton<PolicyLibrary>();
        services.AddSingleton<IntentClassifier>();
        services.AddSingleton<IntentEvaluation>();
        services.AddScoped<AssistantSession>();
        services.AddScoped<ShopTools>();
        services.AddScoped<SupportDesk>();
        return services;
    }
}
