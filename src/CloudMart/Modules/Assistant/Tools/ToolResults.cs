using CloudMart.Modules.Cart.Contracts;
using CloudMart.Modules.Catalog.Contracts;

namespace CloudMart.Modules.Assistant.Tools;

// What the tools return. Every result can carry a Problem: a refusal or bad argument told in words a model or a
// customer understands, instead of an exception.

internal sealed record ProductsResult(string? Query, IReadOnlyList<ProductCard> Products, string? Problem = null);

internal sealed record ProductResult(ProductCard? Product, string? Problem = null);

internal sealed record CartResult(CartContents? Cart, string? Added = null, int? Quantity = null, string? Problem = null);

internal sealed record OrderBrief(string Number, string Status, decimal Total, string Currency, DateTime PlacedAt, int ItemCount, bool CanBeCancelled, string? Carrier, string? TrackingNumber);

internal sealed record OrdersResult(IReadOnlyList<OrderBrief> Orders, string? Problem = null);

internal sealed record OrderResult(OrderBrief? Order, IReadOnlyList<string> Items, string? Problem = null);

/// <summary><see cref="Status"/>: needs-confirmation, done, refused, not-found or not-confirmed.</summary>
internal sealed record CancellationResult(string Status, string? OrderNumber, string? OrderStatus, string Message);

internal sealed record PolicyResult(string Page, string PageTitle, string Section, string Text, double Score, string? Problem = null);

internal sealed record HandOverResult(string? TicketNumber, string Message, string? Problem = null);
