using CloudMart.Web.Storefront.Cart;

namespace CloudMart.Web.Storefront;

/// <summary>The storefront's services and its few non-page endpoints (images, sitemap, robots), and friendly error pages.</summary>
internal static class StorefrontModule
{
    public static IServiceCollection AddStorefront(this IServiceCollection services)
    {
        services.AddScoped<ShopperCart>();
        services.AddScoped<Listing>();
        services.AddScoped<Recommendations.RecommendationRows>();
        services.AddScoped<CategoryDirectory>();
        services.AddSingleton<Help.HelpPages>();
        services.AddSingleton<Assistant.ChatDesk>();
        services.AddOutputCache(cache => cache.AddPolicy(Findability.Policy, policy => policy.Expire(TimeSpan.FromMinutes(10))));
        return services;
    }

    /// <summary>Pages get HTML error pages; /api keeps its JSON problems (written by the platform's outer handlers).</summary>
    public static WebApplication UseStorefrontErrorPages(this WebApplication app)
    {
        app.UseWhen(http => IsPage(http.Request.Path), pages =>
        {
            pages.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = http => RenderErrorPageAsync(http, StatusCodes.Status500InternalServerError) });
            pages.Use(RenderErrorPageWhenEmptyAsync);
            pages.Use(Layout.RefusedForm.CatchAsync);
            pages.Use(ShopHeader.ForPagesAsync);
        });
        return app;
    }

    /// <summary>
    /// An error status with no body (no route, a refused authorization, a bad request) gets the error page, rendered by
    /// its Blazor endpoint. (Status-code-page re-execution does not route again inside this branch, so it is done here.)
    /// A form post Blazor refused (its form is gone, its token expired) gets its page again with a message instead.
    /// </summary>
    private static async Task RenderErrorPageWhenEmptyAsync(HttpContext http, RequestDelegate next)
    {
        await next(http);
        var status = http.Response.StatusCode;
        if (status < 400 || http.Response.HasStarted || http.Response.ContentLength > 0 || http.Response.ContentType is not null
            || !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsPost(http.Request.Method)))
        {
            return;
        }
        await RenderErrorPageAsync(http, status);
    }

    private static async Task RenderErrorPageAsync(HttpContext http, int status)
    {
        try
        {
            await ShopHeader.LoadAsync(http);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // the error page shows without categories rather than failing too
        }
        var errorPage = http.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .FirstOrDefault(e => e.RoutePattern.RawText == ErrorRoute && e.RequestDelegate is not null);
        if (errorPage is null)
        {
            return;
        }
        http.Request.Method = HttpMethods.IsHead(http.Request.Method) ? HttpMethods.Head : HttpMethods.Get; // a refused post must not post to the error page
        http.Request.Path = "/error/" + status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Request.RouteValues = new RouteValueDictionary { ["Code"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        http.SetEndpoint(errorPage);
        await errorPage.RequestDelegate!(http);
    }

    private const string ErrorRoute = "/error/{Code:int}";

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
