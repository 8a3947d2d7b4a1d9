using Microsoft.AspNetCore.Http.HttpResults;

namespace CarbonEdge.Cloud.Access;

/// <summary>
/// <c>POST /provision</c> <c>{"token"}</c>: a new gateway trades its one-time provisioning token for its own broker
/// account (<c>cedge provision</c> calls it). Anonymous (the token is the credential), rate limited like sign-in, audited.
/// </summary>
internal static class ProvisioningEndpoints
{
    public static IEndpointRouteBuilder MapProvisioning(this IEndpointRouteBuilder app)
    {
        app.MapPost("/provision", ProvisionAsync).AllowAnonymous().RequireRateLimiting(AccessEndpoints.SignInLimit).DisableAntiforgery().WithTags("Sign-in");
        return app;
    }

    /// <summary>200 with the MQTT URL, site, gateway, username and password; 401 for a token that is unknown, used or expired; 503 when the broker cannot be administered.</summary>
    internal static async Task<Results<Ok<ProvisionedDto>, ProblemHttpResult, ValidationProblem>> ProvisionAsync(ProvisionRequest request, HttpContext http,
        ProvisioningTokens tokens, BrokerAccounts broker, BrokerOptions options, Auditor auditor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Token) || request.Token.Length > 128)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["token"] = ["a provisioning token (cpt_...) is required"] });
        if (!broker.Configured)
            return TypedResults.Problem(statusCode: 503, title: "Provisioning unavailable", detail: "The cloud has no broker administration configured (config section broker).");
        var redeemed = tokens.Redeem(request.Token, out var failure);
        string actor = $"anonymous@{http.Connection.RemoteIpAddress}";
        if (redeemed is not { } gateway)
        {
            auditor.Record(actor, "gateway.provision", "", "failed", $"token {failure}");
            return TypedResults.Problem(statusCode: 401, title: "Provisioning refused", detail: "The token is unknown, already used or expired: ask an admin for a new one.");
        }
        try
        {
            var (username, password) = await broker.CreateGatewayAsync(gateway.Site, gateway.Gateway, cancellationToken);
            auditor.Record(actor, "gateway.provision", $"{gateway.Site}/{gateway.Gateway}", "ok", $"broker user {username}");
            return TypedResults.Ok(new ProvisionedDto(options.GatewayUrl ?? $"mqtt://{options.Host}:{options.Port}", gateway.Site, gateway.Gateway, username, password));
        }
        catch (BrokerAccountException ex)
        {
            auditor.Record(actor, "gateway.provision", $"{gateway.Site}/{gateway.Gateway}", "failed", ex.Message);
            return TypedResults.Problem(statusCode: 503, title: "Provisioning failed", detail: "The broker account could not be created; the token is spent, ask an admin for a new one.");
        }
    }
}

/// <summary>A provisioning request.</summary>
internal sealed record ProvisionRequest(string? Token);

/// <summary>What a provisioned gateway writes into its config.</summary>
/// <param name="MqttUrl">Broker URL.</param>
/// <param name="Site">Its site id.</param>
/// <param name="Gateway">Its gateway id.</param>
/// <param name="Username">Its broker user name (<c>{site}.{gateway}</c>).</param>
/// <param name="Password">Its broker password (shown once).</param>
internal sealed record ProvisionedDto(string MqttUrl, string Site, string Gateway, string Username, string Password);
