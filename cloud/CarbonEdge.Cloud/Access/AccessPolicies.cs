namespace CarbonEdge.Cloud.Access;

/// <summary>
/// The authorization policies every endpoint declares (T/CEPPC 14-2023 §5.3; T/CES carbon statistics §8.2), and the
/// one-line way to attach them to a route group: <c>api.MapGroup("/x").RequireScopedRead()</c>.
/// </summary>
internal static class AccessPolicies
{
    /// <summary>Any signed-in caller; what it sees is limited by <see cref="ApiAccessFilter"/> to its scope.</summary>
    public const string ScopedRead = "scoped-read";

    /// <summary>Admins only.</summary>
    public const string Admin = "admin";

    /// <summary>Admins, and enterprise callers on their own enterprises (monthly energy reports).</summary>
    public const string EnterpriseWrite = "enterprise-write";

    /// <summary>
    /// Reads limited to the caller's scope: authenticated, any role; route values <c>id</c>/<c>enterprise</c>,
    /// <c>site</c> and <c>code</c>/<c>region</c> checked against the scope (outside it: 404, as for a resource that does
    /// not exist); malformed ids and unknown query parameters answer 400. The public role gets only endpoints marked
    /// <see cref="AllowPublicDisclosure{TBuilder}"/>, for annual periods.
    /// </summary>
    public static TBuilder RequireScopedRead<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(ScopedRead).AddEndpointFilterFactory(ApiAccessFilter.Create);

    /// <summary>Admins only, with the same checks of ids and query parameters.</summary>
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Admin).AddEndpointFilterFactory(ApiAccessFilter.Create);

    /// <summary>Admins and enterprise callers, enterprise ids checked against the scope.</summary>
    public static TBuilder RequireEnterpriseWrite<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(EnterpriseWrite).AddEndpointFilterFactory(ApiAccessFilter.Create);

    /// <summary>Lets the public role call this endpoint for annual figures (<c>{period}</c> = <c>year</c> or <c>yearly</c>).</summary>
    public static TBuilder AllowPublicDisclosure<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PublicDisclosure());
}

/// <summary>Endpoint metadata: annual figures of this endpoint are public disclosure.</summary>
internal sealed class PublicDisclosure;
