using CloudMart.Modules.Catalog.ListCategories;
using CloudMart.Web.Storefront.Cart;
using Microsoft.AspNetCore.Components.Endpoints;

namespace CloudMart.Web.Storefront;

/// <summary>
/// What the shop's header and footer show (categories, the cart's count), loaded before a page renders. Blazor runs a
/// layout's and its page's initialisation concurrently, and the scope's database connection takes one query at a time.
/// </summary>
internal sealed record ShopHeader(IReadOnlyList<CategoryView> Categories, int CartCount)
{
    public static readonly ShopHeader Empty = new([], 0);

    public static ShopHeader Of(HttpContext? http) => http?.Items[typeof(ShopHeader)] as ShopHeader ?? Empty;

    public static async Task LoadAsync(HttpContext http)
    {
        if (http.Items.ContainsKey(typeof(ShopHeader)))
        {
            return;
        }
        var categories = await http.RequestServices.GetRequiredService<CategoryDirectory>().AllAsync(http.RequestAborted);
        var count = await http.RequestServices.GetRequiredService<ShopperCart>().CountAsync(http, http.RequestAborted);
        http.Items[typeof(ShopHeader)] = new ShopHeader(categories.Where(c => c.ParentId is null && c.ProductCount > 0).ToList(), count);
    }

    /// <summary>Middleware: loads the header for requests routed to a Blazor page.</summary>
    public static async Task ForPagesAsync(HttpContext http, RequestDelegate next)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
        {
            await LoadAsync(http);
        }
        await next(http);
    }
}
