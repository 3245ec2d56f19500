using CloudMart.Modules.Recommendations.AlsoBought;
using CloudMart.Modules.Recommendations.Data;
using CloudMart.Modules.Recommendations.ForMe;
using CloudMart.Modules.Recommendations.Learning;
using CloudMart.Modules.Recommendations.Model;
using CloudMart.Modules.Recommendations.Serving;
using CloudMart.Modules.Recommendations.Similar;
using CloudMart.Modules.Recommendations.Training;

namespace CloudMart.Modules.Recommendations;

internal static class RecommendationsModule
{
    public static IServiceCollection AddRecommendations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<RecommendationsDbContext, SqliteRecommendationsDbContext, PostgresRecommendationsDbContext>("recommendations");
        services.AddOptions<RecommendationOptions>().Bind(configuration.GetSection(RecommendationOptions.Section))
            .Validate(o => o.MinSupport is >= 1 and <= 1000, "CloudMart:Recommendations:MinSupport must be between 1 and 1000.")
            .Validate(o => o.NeighbourLimit is >= 1 and <= 10_000, "CloudMart:Recommendations:NeighbourLimit must be between 1 and 10000.")
            .Validate(o => o.HistoryLimit is >= 1 and <= 1000, "CloudMart:Recommendations:HistoryLimit must be between 1 and 1000.")
            .Validate(o => o.ViewWeight is > 0 and <= 1, "CloudMart:Recommendations:ViewWeight must be above 0 and at most 1.")
            .ValidateOnStart();
        services.AddScoped<CoPurchaseStore>();
        services.AddScoped<CoPurchaseLedger>();
        services.AddScoped<OrderInteractionsHandler>();
        services.AddScoped<ModelTraining>();
        return services;
    }

    public static IEndpointRouteBuilder MapRecommendations(this IEndpointRouteBuilder app)
    {
        var recommendations = app.MapGroup("/api/recommendations").WithTags("Recommendations");
        SimilarProductsEndpoint.Map(recommendations);
        AlsoBoughtEndpoint.Map(recommendations);
        ForMeEndpoint.Map(recommendations);
        RecordViewEndpoint.Map(recommendations);
        return app;
    }
}
