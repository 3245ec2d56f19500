using CloudMart.Modules.Feedback.Contracts;
using CloudMart.Modules.Feedback.Sentiment;
using Microsoft.Extensions.Options;

namespace CloudMart.Modules.Feedback;

/// <summary>Customer feedback. So far: the sentiment port, local by default, Azure AI Language by configuration.</summary>
internal static class FeedbackModule
{
    public static IServiceCollection AddFeedback(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SentimentOptions>().Bind(configuration.GetSection(SentimentOptions.Section))
            .Validate(o =>
            {
                o.Validate();
                return true;
            })
            .ValidateOnStart();
        services.AddSingleton<LocalSentimentAnalyzerFactory>();
        services.AddSingleton<AzureLanguageCircuit>();
        services.AddHttpClient<AzureLanguageSentimentAnalyzer>((sp, http) =>
            http.Timeout = sp.GetRequiredService<IOptions<SentimentOptions>>().Value.Timeout + TimeSpan.FromSeconds(5));
        services.AddTransient<ISentimentAnalyzer>(sp => sp.GetRequiredService<IOptions<SentimentOptions>>().Value.UsesAzure
            ? sp.GetRequiredService<AzureLanguageSentimentAnalyzer>()
            : sp.GetRequiredService<LocalSentimentAnalyzerFactory>().Create());
        return services;
    }
}
