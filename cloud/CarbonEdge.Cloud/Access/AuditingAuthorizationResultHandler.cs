using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace CarbonEdge.Cloud.Access;

/// <summary>Audits every request the authorization middleware refuses (401 challenge or 403 forbid), then answers as ASP.NET Core does.</summary>
internal sealed class AuditingAuthorizationResultHandler(Auditor auditor) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    /// <inheritdoc/>
    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged) auditor.Record(context, "access.denied", Auditor.TargetOf(context), "401", "not authenticated");
        else if (authorizeResult.Forbidden) auditor.Record(context, "access.denied", Auditor.TargetOf(context), "403", "role not allowed");
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
