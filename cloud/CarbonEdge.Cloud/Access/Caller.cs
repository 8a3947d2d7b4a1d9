using System.Security.Claims;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation.Regions;

namespace CarbonEdge.Cloud.Access;

/// <summary>The authenticated principal of a request as the access rules see it: name, role, scope and how it signed in.</summary>
/// <param name="Name">User or API key name.</param>
/// <param name="Role">One of <see cref="Roles"/>.</param>
/// <param name="Scope">Regions and enterprises it may see (empty for admin and public).</param>
/// <param name="Kind"><c>user</c> or <c>key</c>.</param>
internal sealed record Caller(string Name, string Role, AccessScope Scope, string Kind)
{
    /// <summary>Claim carrying the scope text (<c>region:CODE,enterprise:ID</c>).</summary>
    public const string ScopeClaim = "cedge:scope";

    /// <summary>Claim carrying <c>user</c> or <c>key</c>.</summary>
    public const string KindClaim = "cedge:kind";

    /// <summary>The caller of an authenticated principal, or null when it is anonymous or its claims are not ours.</summary>
    public static Caller? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        var name = principal.FindFirstValue(ClaimTypes.Name);
        var role = principal.FindFirstValue(ClaimTypes.Role);
        if (name is null || role is null) return null;
        return AccessScope.TryParse(role, principal.FindFirstValue(ScopeClaim), out var scope, out _)
            ? new Caller(name, role, scope, principal.FindFirstValue(KindClaim) ?? "user")
            : null;
    }

    /// <summary>The claims of a principal with this name, role and scope, for <paramref name="authenticationType"/>.</summary>
    public ClaimsPrincipal ToPrincipal(string authenticationType) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, Name), new Claim(ClaimTypes.Role, Role), new Claim(ScopeClaim, Scope.ToString()), new Claim(KindClaim, Kind)],
        authenticationType, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>How the audit log names it: <c>key:NAME</c> or <c>user:NAME</c>.</summary>
    public string AuditName => $"{Kind}:{Name}";

    /// <summary>True when the caller may see the enterprise's data (admin always; public never by this rule).</summary>
    public bool CanSee(EnterpriseInfo enterprise) => Role == Roles.Admin || Scope.CoversEnterprise(enterprise);

    /// <summary>True when the caller may see a region's roll-ups: admin, the public (disclosure) and a regulator over it.</summary>
    public bool CanSeeRegion(RegionCode code) => Role is Roles.Admin or Roles.Public || (Role == Roles.Regulator && Scope.CoversRegion(code));
}
