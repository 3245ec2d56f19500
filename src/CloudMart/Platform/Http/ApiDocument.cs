using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CloudMart.Platform.Http;

/// <summary>Titles the OpenAPI document and declares the bearer scheme that /api/auth/login issues.</summary>
internal sealed class ApiDocument : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "CloudMart API";
        document.Info.Version = "v1";
        document.Info.Description = "The public contract of CloudMart. Sign in with POST /api/auth/login and send `Authorization: Bearer <accessToken>`.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The accessToken from POST /api/auth/login.",
        };
        return Task.CompletedTask;
    }
}

/// <summary>Marks every operation that requires a signed-in user with the bearer scheme, so the reference page offers to send a token.</summary>
internal sealed class BearerRequirement : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any() && !metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any())
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", context.Document)] = [] });
        }
        return Task.CompletedTask;
    }
}
