using CloudMart.Web.Media;
using CloudMart.Web.Storefront;

namespace CloudMart.Web;

/// <summary>The storefront and back-office: Blazor rendered on the server, over the same application code as the API.</summary>
internal static class WebModule
{
    public const string SignInPath = "/account/sign-in";
    public const string ForbiddenPath = "/forbidden";

    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        // A built (not published) app also finds the framework's scripts and our wwwroot in any environment.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddStorefront();
        builder.Services.AddSingleton<ProductImageStore>();
        builder.Services.AddAuthorizationBuilder().AddWebPolicies();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "cloudmart.session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = SignInPath;
            cookie.AccessDeniedPath = ForbiddenPath;
            cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
            cookie.SlidingExpiration = true;
        });
        return builder;
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        app.UseStorefrontErrorPages();
        app.MapStorefront();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapProductImageUpload();
        return app;
    }
}
