using System.ComponentModel;
using System.Reflection;
using CloudMart.Modules.Assistant.Intents;
using CloudMart.Modules.Assistant.ShopPolicies;
using CloudMart.Modules.Assistant.Support;
using CloudMart.Modules.Cart.Contracts;
using CloudMart.Modules.Catalog.Contracts;
using CloudMart.Modules.Ordering.Contracts;
using Microsoft.Extensions.AI;

namespace CloudMart.Modules.Assistant.Tools;

/// <summary>
/// The assistant's tools: ordinary methods, exposed to any chat model with <see cref="AIFunctionFactory"/> (see
/// <see cref="AsAIFunctions"/>) and reusable by an MCP server. They act for <see cref="AssistantSession.CustomerId"/>
/// (the request's signed-in user) through the modules' facades, so whatever a prompt says, a tool can see and change
/// only what that customer could through the API. Arguments are checked here, whoever supplies them.
/// </summary>
internal sealed class ShopTools(
    AssistantSession session, IProductFinder products, IShoppingCart cart, ICustomerOrders orders,
    PolicyLibrary policies, SupportDesk supportDesk, IServiceProvider services)
{
    public const int MaxQueryLength = 200;
    public const int MaxResults = 10;
    public const int MaxQuantity = 100;

    /// <summary>Every tool as an <see cref="AIFunction"/> bound to this instance, named as the methods in snake case.</summary>
    public IList<AITool> AsAIFunctions() =>
        typeof(ShopTools).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.GetCustomAttribute<DescriptionAttribute>() is not null)
            .Select(m => (AITool)AIFunctionFactory.Create(m, this, new AIFunctionFactoryOptions { Name = ToolNames.Of(m.Name) }))
            .ToList();

    [Description("Search the products on sale by words (name, kind, colour, material). Returns up to maxResults products.")]
    public async Task<ProductsResult> SearchProductsAsync(
        [Description("What the customer is looking for, in a few words, e.g. 'ceramic mug'.")] string query,
        [Description("How many products to return, 1 to 10.")] int maxResults = 5,
        CancellationToken cancellationToken = default)
    {
        Ran(ToolNames.SearchProducts);
        if (CheckText(query, "query") is { } problem)
        {
            return new ProductsResult(query, [], problem);
        }
        var found = await ProductSearch.SearchAsync(products, query.Trim(), Math.Clamp(maxResults, 1, MaxResults), cancellationToken);
        session.ShowProducts(found);
        return new ProductsResult(query.Trim(), found);
    }

    [Description("Details of one product: description, price, rating and how many are available. Give its id, slug or name.")]
    public async Task<ProductResult> GetProductDetailsAsync(
        [Description("The product's id, slug or name.")] string product,
        CancellationToken cancellationToken = default)
    {
        Ran(ToolNames.ProductDetails);
        if (CheckText(product, "product") is { } problem)
        {
            return new ProductResult(null, problem);
        }
        var found = await ResolveProductAsync(product.Trim(), cancellationToken);
        if (found is null)
        {
            return new ProductResult(null, $"No product on sale matches '{product.Trim()}'.");
        }
        session.ShowProducts([found]);
        return new ProductResult(found);
    }

    [Description("Suggest products: like a given product when one is named, otherwise from the customer's cart and recent orders, otherwise the best rated.")]
    public async Task<ProductsResult> RecommendProductsAsync(
        [Description("Optional: a product (id, slug or name) the suggestions should resemble.")] string? basedOn = null,
        [Description("How many products to return, 1 to 10.")] int maxResults = 5,
        CancellationToken cancellationToken = default)
    {
        Ran(ToolNames.RecommendProducts);
        if (!string.IsNullOrWhiteSpace(basedOn) && CheckText(basedOn, "basedOn") is { } problem)
        {
            return new ProductsResult(basedOn, [], problem);
        }
        var count = Math.Clamp(maxResults, 1, MaxResults);
        var seeds = new List<ProductCard>();
        if (!string.IsNullOrWhiteSpace(basedOn) && await ResolveProductAsync(basedOn.Trim(), cancellationToken) is { } seed)
        {
            seeds.Add(seed);
        }
        var suggestions = await new Recommender(products, services.GetService<IProductSimilarity>())
            .SuggestAsync(seeds, await TasteAsync(cancellationToken), count, cancellationToken);
        session.ShowProducts(suggestions);
        return new ProductsResult(basedOn, suggestions);
    }

    [Description("Show the customer's cart: lines, quantities and subtotal.")]
    public async Task<CartResult> ShowCartAsync(CancellationToken cancellationToken = default)
    {
        Ran(ToolNames.ShowCart);
        return new CartResult(await cart.ViewAsync(session.CustomerId, cancellationToken));
    }

    [Description("Add a product to the customer's cart. Give the product's id, slug or name and a quantity from 1 to 100.")]
    public async Task<CartResult> AddToCartAsync(
        [Description("The product's id, slug or name.")] string product,
        [Description("How many to add, 1 to 100.")] int quantity = 1,
        CancellationToken cancellationToken = default)
    {
        Ran(ToolNames.AddToCart);
        if (CheckText(product, "product") is { } problem)
        {
            return new CartResult(null, Problem: problem);
        }
        if (quantity is < 1 or > MaxQuantity)
        {
            return new CartResult(null, Problem: $"quantity must be between 1 and {MaxQuantity}.");
        }
        var found = await ResolveProductAsync(product.Trim(), cancellationToken);
        if (found is null)
        {
            return new CartResult(null, Problem: $"No product on sale matches '{product.Trim()}'.");
        }
        var change = await cart.AddAsync(session.CustomerId, found.Id, quantity, cancellationToken);
        if (!change.Succeeded)
        {
            session.Actions.Add(new AssistantAction("add-to-cart", "refused", ProductId: found.Id, Sku: found.Sku, Quantity: quantity));
            return new CartResult(null, found.Name, quantity, change.Problem);
        }
        session.Actions.Add(new AssistantAction("add-to-cart", "done", ProductId: found.Id, Sku: found.Sku, Quantity: quantity));
        session.ShowProducts([found]);
        return new CartResult(change.Cart, found.Name, quantity);
    }

    [Description("List the customer's own orders, newest first, with status and total.")]
    public async Task<OrdersResult> ListMyOrdersAsync(
        [Description("How many orders to return, 1 to 10.")] int maxResults = 5,
        CancellationToken cancellationToken = default)
    {
        Ran(ToolNames.ListMyOrders);
        var list = await orders.ListAsync(session.CustomerId, Math.Clamp(maxResults, 1, MaxResults), cancellationToken);
        if (list.Count == 1)
        {
            RememberOrder(list[0].Number);
        }
        return new OrdersResult(list.Select(Brief).ToList());
    }

    [Description("The status of one of the customer's orders, by its number (like CM-000123), with carrier and tracking number once shipped.")]
    public async Task<OrderResult> GetOrderStatusAsync(
        [Description("The order number, like CM-000123.")] string orderNumber,
        CancellationToken cancellationToken = default)
    {
        Ran(ToolNames.OrderStatus);
        if (OrderNumbers.Normalise(orderNumber) is not { } number)
        {
            return new OrderResult(null, [], "That is not a CloudMart order number; they look like CM-000123.");
        }
        var order = await orders.FindByNumberAsync(session.CustomerId, number, cancellationToken);
        if (order is not null)
        {
            RememberOrder(order.Number);
        }
        return order is null
            ? new OrderResult(null, [], $"You have no order {number}.")
            : new OrderResult(Brief(order), order.Lines.Select(l => $"{l.Quantity} × {l.Name}").ToList());
    }

    [Description("Propose cancelling one of the customer's orders. This never cancels: it checks the order can be cancelled and asks for confirmation. After the customer explicitly agrees in their next message, call confirm_cancel_order.")]
    public async Task<CancellationResult> CancelOrderAsync(
        [Description("The order number, like CM-000123.")] string orderNumber,
        CancellationToken cancellationToken = default)
    {
        Ran(ToolNames.CancelOrder);
        if (OrderNumbers.Normalise(orderNumber) is not { } number)
        {
            return new CancellationResult("refused", null, null, "That is not a CloudMart order number; they look like CM-000123.");
        }
        var order = await orders.FindByNumberAsync(session.CustomerId, number, cancellationToken);
        if (order is null)
        {
            return new CancellationResult("not-found", number, null, $"You have no order {number}.");
        }
        if (!order.CanBeCancelled)
        {
            session.Actions.Add(new AssistantAction("cancel-order", "refused", number));
            return new CancellationResult("refused", number, order.Status, $"Order {number} is {order.Status} and can no longer be cancelled.");
        }
        session.State = session.State with { PendingCancellation = number, PendingCancellationTurn = session.Turn };
        session.Actions.Add(new AssistantAction("cancel-order", "needs-confirmation", number));
        return new CancellationResult("needs-confirmation", number, order.Status, $"Order {number} ({order.Status}, {order.Total:0.00} {order.Currency}) can be cancelled. Ask the customer to confirm.");
    }

    [Description("Cancel an order after the customer explicitly confirmed, in a message after the one where cancel_order proposed it.")]
    public async Task<CancellationResult> ConfirmCancelOrderAsync(
        [Description("The order number that cancel_order proposed.")] string orderNumber,
        CancellationToken cancellationToken = default)
    {
        Ran(ToolNames.ConfirmCancelOrder);
        var number = OrderNumbers.Normalise(orderNumber);
        var pending = session.State.PendingCancellation;
        // The confirmation must come in a later turn than the proposal: a single message ("cancel X, yes I confirm")
        // cannot both propose and confirm, whatever a model is told.
        if (number is null || pending != number || session.State.PendingCancellationTurn >= session.Turn)
        {
            return new CancellationResult("not-confirmed", number, null,
                "Nothing was cancelled: propose the cancellation with cancel_order first and let the customer confirm in their next message.");
        }
        session.State = session.State with { PendingCancellation = null, PendingCancellationTurn = 0 };
        var outcome = await orders.CancelAsync(session.CustomerId, number, "Cancelled by the customer through the assistant", cancellationToken);
        switch (outcome.Outcome)
        {
            case CancellationOutcome.Cancelled:
                session.Actions.Add(new AssistantAction("cancel-order", "done", number));
                return new CancellationResult("done", number, outcome.Order!.Status, $"Order {number} is cancelled.");
            case CancellationOutcome.NotFound:
                return new CancellationResult("not-found", number, null, $"You have no order {number}.");
            default:
                session.Actions.Add(new AssistantAction("cancel-order", "refused", number));
                return new CancellationResult("refused", number, null, outcome.Problem ?? $"Order {number} could not be cancelled.");
        }
    }

    [Description("Answer a question about the shop's policies (returns, refunds, delivery times and costs, payment, accounts and privacy, contact) from the shop's own policy pages.")]
    public async Task<PolicyResult> LookupPolicyAsync(
        [Description("The customer's question.")] string question,
        [Description("Optional page to look in: returns, refunds, delivery, payment, account, contact.")] string? topic = null,
        CancellationToken cancellationToken = default)
    {
        Ran(ToolNames.LookupPolicy);
        if (CheckText(question, "question") is { } problem)
        {
            return new PolicyResult("", "", "", "", 0, problem);
        }
        if (topic is not null && !PolicyLibrary.Pages.Contains(topic))
        {
            topic = null; // an unknown page widens the search rather than failing the answer
        }
        var passage = await policies.SearchAsync(question.Trim(), topic, cancellationToken);
        return new PolicyResult(passage.Page, passage.PageTitle, passage.Section, passage.Text, passage.Score);
    }

    [Description("Hand the conversation over to a person: opens a support ticket with the conversation so far. Use when the customer asks for a human, complains, or needs something the tools cannot do.")]
    public async Task<HandOverResult> HandOverToHumanAsync(
        [Description("Why the customer needs a person, in a short sentence.")] string reason,
        CancellationToken cancellationToken = default)
    {
        Ran(ToolNames.HandOver);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500 || Platform.Http.TextRules.Problem(reason) is not null)
        {
            reason = "The customer asked for a person.";
        }
        var ticket = await supportDesk.OpenAsync(session.CustomerId, session.ConversationId, reason.Trim(), session.Transcript, cancellationToken);
        session.Actions.Add(new AssistantAction("hand-over", "done", TicketNumber: ticket.Number));
        return new HandOverResult(ticket.Number, $"Support ticket {ticket.Number} is open; a person will reply by e-mail.");
    }

    private void Ran(string tool) => session.ToolsRun.Add(tool);

    private static string? CheckText(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{field} is required.";
        }
        if (value.Trim().Length > MaxQueryLength)
        {
            return $"{field} must be at most {MaxQueryLength} characters.";
        }
        return Platform.Http.TextRules.Problem(value.Trim()) is { } problem ? $"{field} {problem}." : null;
    }

    private async Task<ProductCard?> ResolveProductAsync(string product, CancellationToken cancellationToken)
    {
        if ((Guid.TryParse(product, out _) || !product.Contains(' ', StringComparison.Ordinal)) && await products.FindAsync(product, cancellationToken) is { } exact)
        {
            return exact;
        }
        var found = await ProductSearch.SearchAsync(products, product, 1, cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    /// <summary>What the customer has shown interest in: the products in their cart.</summary>
    private async Task<IReadOnlyList<Guid>> TasteAsync(CancellationToken cancellationToken) =>
        (await cart.ViewAsync(session.CustomerId, cancellationToken)).Items.Select(i => i.ProductId).ToList();

    /// <summary>Only the caller's own orders are remembered: the number came back from their order list.</summary>
    private void RememberOrder(string number) => session.State = session.State with { LastOrder = number };

    private static OrderBrief Brief(CustomerOrder o) => new(
        o.Number, o.Status, o.Total, o.Currency, o.CreatedAt, o.Lines.Sum(l => l.Quantity), o.CanBeCancelled, o.Carrier, o.TrackingNumber);
}

/// <summary>The tools' names as models see them.</summary>
internal static class ToolNames
{
    public const string SearchProducts = "search_products";
    public const string ProductDetails = "get_product_details";
    public const string RecommendProducts = "recommend_products";
    public const string ShowCart = "show_cart";
    public const string AddToCart = "add_to_cart";
    public const string ListMyOrders = "list_my_orders";
    public const string OrderStatus = "get_order_status";
    public const string CancelOrder = "cancel_order";
    public const string ConfirmCancelOrder = "confirm_cancel_order";
    public const string LookupPolicy = "lookup_policy";
    public const string HandOver = "hand_over_to_human";

    /// <summary>SearchProductsAsync → search_products.</summary>
    public static string Of(string methodName)
    {
        var name = methodName.EndsWith("Async", StringComparison.Ordinal) ? methodName[..^5] : methodName;
        var snake = new System.Text.StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && snake.Length > 0)
            {
                snake.Append('_');
            }
            snake.Append(char.ToLowerInvariant(c));
        }
        return snake.ToString();
    }
}
