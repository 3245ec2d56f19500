using CloudMart.Modules.Catalog.SearchProducts;
using System.Text;
using System.Xml;
using CloudMart.Modules.Catalog;
using CloudMart.Modules.Catalog.BrowseProducts;
using CloudMart.Modules.Catalog.Data;
using CloudMart.Platform;
using Microsoft.Extensions.Options;

namespace CloudMart.Web.Storefront;

/// <summary>/robots.txt and /sitemap.xml: what search engines may crawl, and every category and product page.</summary>
internal static class Findability
{
    public const string Policy = "findability";
    private const int MaxUrls = 50_000; // the sitemap protocol's limit per file

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/robots.txt", (HttpContext http) => TypedResults.Text(Robots(BaseUrl(http)), "text/plain", Encoding.UTF8))
            .WithName("Robots").ExcludeFromDescription().AllowAnonymous();
        app.MapGet("/sitemap.xml", SitemapAsync)
            .WithName("Sitemap").ExcludeFromDescription().AllowAnonymous().CacheOutput(Policy);
    }

    public static string Robots(string baseUrl) => $"""
        User-agent: *
        Disallow: /admin
        Disallow: /account
        Disallow: /cart
        Disallow: /checkout
        Disallow: /api
        Disallow: /search

        Sitemap: {baseUrl}/sitemap.xml

        """;

    internal static async Task<IResult> SitemapAsync(HttpContext http, CategoryDirectory categories, Help.HelpPages help, CatalogDbContext db, HybridSearch search, IOptions<StoreOptions> store, CancellationToken cancellationToken)
    {
        var baseUrl = BaseUrl(http);
        var urls = new List<string> { baseUrl + "/" };
        urls.AddRange(help.All.Select(p => $"{baseUrl}/help/{p.Slug}"));
        urls.AddRange((await categories.AllAsync(cancellationToken)).Where(c => c.ProductCount > 0).Select(c => $"{baseUrl}/c/{c.Slug}"));
        for (var page = 1; urls.Count < MaxUrls; page++)
        {
            var outcome = await BrowseProductsEndpoint.HandleAsync(db, search, store, null, null, null, null, null, "name", page, PageRequest.MaxPageSize, cancellationToken);
            if (outcome.Result is not Ok<PagedList<ProductSummary>> { Value: { } list } || list.Items.Count == 0)
            {
                break;
            }
            urls.AddRange(list.Items.Select(p => $"{baseUrl}/p/{p.Slug}"));
            if (list.Items.Count < list.PageSize)
            {
                break;
            }
        }
        var xml = new StringBuilder();
        using (var writer = XmlWriter.Create(xml, new XmlWriterSettings { OmitXmlDeclaration = false, Indent = false }))
        {
            writer.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
            foreach (var url in urls.Take(MaxUrls))
            {
                writer.WriteStartElement("url");
                writer.WriteElementString("loc", url);
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }
        return TypedResults.Text(xml.ToString().Replace("utf-16", "utf-8", StringComparison.Ordinal), "application/xml", Encoding.UTF8);
    }

    private static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
}
