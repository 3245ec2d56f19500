using CloudMart.Modules.Notifications.Data;
using CloudMart.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace CloudMart.Modules.Notifications.Webhooks;

internal sealed record WebhookInput(string? Url, List<string>? EventTypes, string? Description);

internal sealed record WebhookView(Guid Id, string Url, IReadOnlyList<string> EventTypes, string Description, bool Active, DateTime CreatedAt, string? Secret)
{
    public static WebhookView From(WebhookEndpoint e, bool withSecret = false) =>
        new(e.Id, e.Url, e.EventTypeList, e.Description, e.IsActive, e.CreatedAt, withSecret ? e.Secret : null);
}

internal sealed record DeliveryView(Guid Id, Guid EventId, string EventType, DeliveryStatus Status, int Attempts, int? LastStatusCode, string? LastError, DateTime CreatedAt, DateTime? DeliveredAt, DateTime? NextAttemptAt);

/// <summary>/api/webhooks (admin): register endpoints for event types, see every delivery and its attempts.</summary>
internal static class WebhookEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/api/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Admin);
        webhooks.MapPost("/", RegisterAsync).WithName("RegisterWebhook")
            .WithSummary("Register an endpoint for event types (admin). The response carries the signing secret, shown only here.");
        webhooks.MapGet("/", ListAsync).WithName("ListWebhooks").WithSummary("Registered endpoints (admin).");
        webhooks.MapGet("/{id:guid}", GetAsync).WithName("GetWebhook").WithSummary("One endpoint (admin).");
        webhooks.MapDelete("/{id:guid}", RemoveAsync).WithName("RemoveWebhook").WithSummary("Stop sending to an endpoint (admin); its delivery log is kept.");
        webhooks.MapGet("/{id:guid}/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries")
            .WithSummary("Deliveries to an endpoint, newest first, with status, attempts and the last error (admin).");
    }

    internal static async Task<Results<Created<WebhookView>, ValidationProblem>> RegisterAsync(
        WebhookInput input, NotificationsDbContext db, UnitOfWork unitOfWork, WebhookDirectory directory, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var url = validation.Text(input.Url, "url", 500);
        if (url.Length > 0)
        {
            validation.Check(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                && string.IsNullOrEmpty(uri.UserInfo), "url", "url must be an absolute http(s) URL without credentials.");
        }
        var types = (input.EventTypes ?? []).Select(t => (t ?? "").Trim()).Distinct().ToList();
        validation.Check(types.Count is >= 1 and <= 20, "eventTypes", "Name 1 to 20 event types.");
        foreach (var type in types.Where(t => !WebhookOptions.EventTypes.Contains(t)))
        {
            validation.Add("eventTypes", $"Unknown event type '{(type.Length <= 40 && TextRules.Problem(type) is null ? type : "…")}'. Known: {string.Join(", ", WebhookOptions.EventTypes)}.");
        }
        var description = validation.OptionalText(input.Description, "description", 200) ?? "";
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var endpoint = new WebhookEndpoint
        {
            Id = Guid.CreateVersion7(), Url = url, EventTypes = string.Join(',', types), Description = description,
            Secret = WebhookSignature.NewSecret(), CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await unitOfWork.ExecuteAsync(_ =>
        {
            db.WebhookEndpoints.Add(endpoint);
            return Task.CompletedTask;
        }, cancellationToken);
        directory.Changed();
        return TypedResults.Created($"/api/webhooks/{endpoint.Id}", WebhookView.From(endpoint, withSecret: true));
    }

    internal static async Task<Ok<List<WebhookView>>> ListAsync(NotificationsDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.WebhookEndpoints.AsNoTracking().Where(e => e.IsActive).OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken))
            .Select(e => WebhookView.From(e)).ToList());

    internal static async Task<Results<Ok<WebhookView>, ProblemHttpResult>> GetAsync(Guid id, NotificationsDbContext db, CancellationToken cancellationToken) =>
        await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.IsActive, cancellationToken) is { } endpoint
            ? TypedResults.Ok(WebhookView.From(endpoint))
            : ProblemTypes.NotFoundProblem("There is no such webhook endpoint.");

    internal static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        Guid id, NotificationsDbContext db, UnitOfWork unitOfWork, WebhookDirectory directory, CancellationToken cancellationToken)
    {
        var removed = await unitOfWork.ExecuteAsync(async ct => await db.WebhookEndpoints.Where(e => e.Id == id && e.IsActive)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.IsActive, false), ct), cancellationToken);
        directory.Changed();
        return removed == 1 ? TypedResults.NoContent() : ProblemTypes.NotFoundProblem("There is no such webhook endpoint.");
    }

    internal static async Task<Results<Ok<PagedList<DeliveryView>>, ValidationProblem, ProblemHttpResult>> DeliveriesAsync(
        Guid id, int? page, int? pageSize, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var paging = PageRequest.From(page, pageSize, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        if (!await db.WebhookEndpoints.AnyAsync(e => e.Id == id, cancellationToken))
        {
            return ProblemTypes.NotFoundProblem("There is no such webhook endpoint.");
        }
        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == id);
        var total = await deliveries.CountAsync(cancellationToken);
        var items = await deliveries.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(d => new DeliveryView(d.Id, d.EventId, d.EventType, d.Status, d.Attempts, d.LastStatusCode, d.LastError, d.CreatedAt, d.DeliveredAt, d.NextAttemptAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedList<DeliveryView>(items, paging.Page, paging.PageSize, total));
    }
}
