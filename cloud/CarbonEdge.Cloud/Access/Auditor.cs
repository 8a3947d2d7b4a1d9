using System.Security.Claims;

namespace CarbonEdge.Cloud.Access;

/// <summary>Writes audit rows for a request: the actor is the caller (<c>user:NAME</c>, <c>key:NAME</c>) or <c>anonymous@ADDRESS</c>.</summary>
internal sealed class Auditor(AuditLog log)
{
    /// <summary>Appends a row for <paramref name="context"/>'s caller.</summary>
    public void Record(HttpContext context, string action, string target, string outcome, string detail = "") =>
        log.Append(ActorOf(context.User, context), action, target, outcome, detail);

    /// <summary>Appends a row for a named actor (sign-in attempts, before there is a principal).</summary>
    public void Record(string actor, string action, string target, string outcome, string detail = "") =>
        log.Append(actor, action, target, outcome, detail);

    /// <summary>How the log names the caller of a request.</summary>
    public static string ActorOf(ClaimsPrincipal user, HttpContext context) =>
        Caller.From(user)?.AuditName ?? $"anonymous@{context.Connection.RemoteIpAddress}";

    /// <summary>The request as a target: method and path with its query.</summary>
    public static string TargetOf(HttpContext context) => $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}";
}
