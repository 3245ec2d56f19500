using System.Reflection;
using CloudMart.Modules.Assistant.Tools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using ModelContextProtocol.Server;

namespace CloudMart.Modules.Assistant.Mcp;

/// <summary>
/// The shop's Model Context Protocol server at <c>/mcp</c>: the assistant's own tool methods (<see cref="ShopTools"/>),
/// offered to outside AI clients. A call needs the API's bearer token and acts as that token's user, through the same
/// facades and checks as the assistant, so an MCP client can see and change only what its user could through the API.
/// </summary>
internal static class McpServerModule
{
    public const string Path = "/mcp";

    /// <summary>Which of the assistant's tools outside clients get, and how they may be treated (read-only or not).</summary>
    private static readonly (string Method, string Title, bool ReadOnly)[] Offered =
    [
        (nameof(ShopTools.SearchProductsAsync), "Search products", true),
        (nameof(ShopTools.GetProductDetailsAsync), "Product details", true),
        (nameof(ShopTools.ShowCartAsync), "Show my cart", true),
        (nameof(ShopTools.AddToCartAsync), "Add to my cart", false),
        (nameof(ShopTools.ListMyOrdersAsync), "List my orders", true),
        (nameof(ShopTools.GetOrderStatusAsync), "Order status", true),
    ];

    public static IServiceCollection AddShopMcpServer(this IServiceCollection services)
    {
        services.AddMcpServer(server => server.ServerInfo = new() { Name = "CloudMart", Version = "1.0" })
            // Stateless: every call is one plain HTTP request under its own token, and any replica can answer it.
            .WithHttpTransport(transport => transport.Stateless = true)
            .WithTools(Tools());
        return services;
    }

    public static IEndpointRouteBuilder MapShopMcpServer(this IEndpointRouteBuilder app)
    {
        // Bearer tokens only: the MCP endpoint is for programs, and a browser's cookie must not drive it.
        app.MapMcp(Path).RequireAuthorization(new AuthorizeAttribute(CloudMart.Platform.Security.Policies.SignedIn) { AuthenticationSchemes = IdentityConstants.BearerScheme });
        return app;
    }

    /// <summary>Each offered method of <see cref="ShopTools"/> as an MCP tool on the calling request's own instance.</summary>
    private static IEnumerable<McpServerTool> Tools() => Offered.Select(tool =>
    {
        var method = typeof(ShopTools).GetMethod(tool.Method, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"ShopTools has no {tool.Method}.");
        return McpServerTool.Create(method, request => request.Services!.GetRequiredService<ShopTools>(), new McpServerToolCreateOptions
        {
            Name = ToolNames.Of(method.Name),
            Title = tool.Title,
            ReadOnly = tool.ReadOnly,
            Destructive = false,
            OpenWorld = false,
        });
    });
}
