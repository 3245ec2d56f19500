using CloudMart.Web.Storefront.Cart;

namespace CloudMart.Web.Storefront;

/// <summary>The storefront's services and its few non-page endpoints (images, sitemap, robots), and friendly error pages.</summary>
internal static class StorefrontModule
{
    public static IServiceCollection AddStorefront(this IServiceCollection services)
    {
        services.AddScoped<ShopperCart>();
        services.AddScoped<Listing>();
        services.AddScoped<CategoryDirectory>();
        services.AddOutputCache(cache => cache.AddPolicy(Findability.Policy, policy => policy.Expire(TimeSpan.FromMinutes(10))));
        return services;
    }

    /// <summary>Pages get HTML error pages; /api keeps its JSON problems (written by the platform's outer handlers).</summary>
    public static WebApplication UseStorefrontErrorPages(this WebApplication app)
    {
        app.UseWhen(http => IsPage(http.Request.Path), pages =>
        {
            pages.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error/500", CreateScopeForErrors = true });
            pages.UseStatusCodePagesWithReExecute("/error/{0}", null, true);
        });
        return app;
    }

    public static bool IsPage(PathString path) =>
        !path.StartsWithSegments("/api") && !path.StartsWithSegments("/openapi") && !path.StartsWithSegments("/api-reference")
        && !path.StartsWithSegments("/health") && !path.StartsWithSegments("/metrics") && !path.StartsWithSegments("/_framework")
        && !path.StartsWithSegments("/_blazor");

    public static WebApplication MapStorefront(this WebApplication app)
    {
        ProductImages.Map(app);
        Findability.Map(app);
        return app;
    }
}
