using System.Text.Json.Serialization;
using CloudMart.Platform.Security;
using Microsoft.AspNetCore.Diagnostics;

namespace CloudMart.Platform.Http;

internal static class HttpRegistration
{
    /// <summary>Largest request body the API accepts; larger ones get a 413 problem before anything is read.</summary>
    public const long MaxRequestBodyBytes = 256 * 1024;

    public static WebApplicationBuilder AddHttpConventions(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });
        // Binding failures (malformed JSON, wrong types, bad route values) throw, so they reach the problem writer with a clear detail.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            json.SerializerOptions.MaxDepth = 16;
            json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict; // "5" is text, not a number: a 400
        });
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            // Clients see what went wrong in their terms; exceptions, SQL and type names stay in the logs.
            context.ProblemDetails.Extensions.Remove("exception");
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
            if (context.Exception is BadHttpRequestException bad)
            {
                context.ProblemDetails.Status = bad.StatusCode;
                context.ProblemDetails.Title = "The request could not be read.";
                context.ProblemDetails.Detail = "The body must be well-formed JSON with the documented field types.";
            }
            // Also when binding stopped reading an oversized body and only the status code is left to describe it.
            if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge)
            {
                context.ProblemDetails.Title = "The request body is too large.";
                context.ProblemDetails.Detail = $"Request bodies are limited to {MaxRequestBodyBytes / 1024} KiB.";
            }
        });
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        return builder;
    }

    public static WebApplication UseHttpConventions(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(RequestBodyLimit.EnforceAsync);
        return app;
    }
}

/// <summary>
/// Malformed JSON, wrong types and oversized bodies surface as <see cref="BadHttpRequestException"/>; they are the
/// client's mistake, so they become a 4xx problem, never a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The exception handler cleared the response, protective headers included; every error response gets them back.
        await SecurityHeaders.ApplyAsync(httpContext, static () => Task.CompletedTask);
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception });
    }
}
