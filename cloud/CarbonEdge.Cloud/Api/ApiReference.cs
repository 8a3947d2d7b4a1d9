using Scalar.AspNetCore;

namespace CarbonEdge.Cloud.Api;

/// <summary>
/// The OpenAPI document of every endpoint at <c>/openapi/v1.json</c> (Microsoft.AspNetCore.OpenApi) and a browsable
/// reference page over it at <c>/reference</c> (Scalar), both anonymous: they describe the API, they hold no data.
/// </summary>
internal static class ApiReference
{
    public static IServiceCollection AddCloudApiReference(this IServiceCollection services) =>
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CarbonEdge cloud API";
            document.Info.Description = "Emissions, live values and the registry of CarbonEdge. Send an API key in X-Api-Key, or sign in at /auth/sign-in.";
            return Task.CompletedTask;
        }));

    public static WebApplication MapCloudApiReference(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/reference", o => o.WithTitle("CarbonEdge cloud API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        return app;
    }
}
