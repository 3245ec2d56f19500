using CloudMart.Platform.AI.Chat;
using CloudMart.Modules.Assistant.Chat;
using CloudMart.Modules.Assistant.Conversations;
using CloudMart.Modules.Assistant.Data;
using CloudMart.Modules.Assistant.Evaluate;
using CloudMart.Modules.Assistant.Intents;
using CloudMart.Modules.Assistant.Offline;
using CloudMart.Modules.Assistant.ShopPolicies;
using CloudMart.Modules.Assistant.Support;
using CloudMart.Modules.Assistant.Tools;

using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        services.AddScoped<ForgetCustomer.ForgetClosedAccountConversations>();
        services.AddScoped<ShopTools>();
        services.AddScoped<SupportDesk>();
        services.AddScoped<OfflineAssistant>();
        services.AddScoped<AssistantTurns>();
        // The built-in model: the default, and the fallback when a configured cloud model fails (Platform/AI/Chat).
        services.AddKeyedScoped<IChatClient>(ChatClientKeys.Offline, (sp, _) => sp.GetRequiredService<OfflineAssistant>());
        return services;
    }

    public static IEndpointRouteBuilder MapAssistant(this IEndpointRouteBuilder app)
    {
        var assistant = app.MapGroup("/api/assistant").WithTags("Assistant");
        ChatEndpoints.Map(assistant);
        ConversationEndpoints.Map(assistant);
        PolicyEndpoints.Map(assistant);
        SupportTicketEndpoints.Map(app);
        return app;
    }
}
