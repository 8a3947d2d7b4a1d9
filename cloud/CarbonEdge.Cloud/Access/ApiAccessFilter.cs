using System.Reflection;
using CarbonEdge.Cloud.Api;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation.Regions;
using CarbonEdge.Protocols.Telemetry;
using Microsoft.AspNetCore.Http.Metadata;

namespace CarbonEdge.Cloud.Access;

/// <summary>
/// The checks every API endpoint runs before its handler, in this order: query parameters the handler does not take
/// (400), a declared body over <see cref="MaxBodyBytes"/> (400), malformed route ids (<c>id</c>, <c>enterprise</c>,
/// <c>site</c>, <c>device</c>: <c>[a-z0-9-]{1,64}</c>) and region codes (<c>code</c>, <c>region</c>: GB/T 2260) (400),
/// then the caller's scope: a resource outside it answers 404 with the same body as one that does not exist
/// (T/CES carbon statistics §8.2: permission control without leaking existence). Every refusal is audited.
/// </summary>
internal static class ApiAccessFilter
{
    /// <summary>Largest request body the API reads, bytes, unless the endpoint declares its own limit (<see cref="IRequestSizeLimitMetadata"/>).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly HashSet<string> EnterpriseRoutes = ["id", "enterprise"], IdRoutes = ["id", "enterprise", "site", "device"], RegionRoutes = ["code", "region"];

    /// <summary>The filter for one endpoint (its query parameters are those of the handler method).</summary>
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var allowed = context.MethodInfo.GetParameters().Where(p => IsQueryable(p.ParameterType)).Select(p => p.Name!)
            .Append("page").Append("pageSize").ToHashSet(StringComparer.OrdinalIgnoreCase);
        return async invocation =>
        {
            var http = invocation.HttpContext;
            var problem = Malformed(http, allowed);
            if (problem is not null)
            {
                http.RequestServices.GetRequiredService<Auditor>().Record(http, "request.rejected", Auditor.TargetOf(http), "400", problem.Values.First()[0]);
                return TypedResults.ValidationProblem(problem);
            }
            var denial = Denial(http);
            if (denial is not null)
            {
                http.RequestServices.GetRequiredService<Auditor>().Record(http, "access.denied", Auditor.TargetOf(http), denial.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), "outside the caller's scope or role");
                return denial.Status == 404 ? TypedResults.NotFound(denial) : TypedResults.Json(denial, statusCode: denial.Status, contentType: "application/problem+json");
            }
            return await next(invocation);
        };
    }

    private static Dictionary<string, string[]>? Malformed(HttpContext http, HashSet<string> allowed)
    {
        foreach (var key in http.Request.Query.Keys)
        {
            if (!allowed.Contains(key))
                return new() { [key] = [$"unknown query parameter '{key}' (this endpoint takes: {string.Join(", ", allowed.Order())})"] };
        }
        long limit = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxBodyBytes;
        if (http.Request.ContentLength > limit)
            return new() { ["body"] = [$"the body is larger than {limit} bytes"] };
        foreach (var (name, value) in http.Request.RouteValues)
        {
            string text = value?.ToString() ?? "";
            if (IdRoutes.Contains(name) && !TelemetryTopics.IsValidId(text))
                return new() { [name] = [$"'{Shorten(text)}' is not an id ([a-z0-9-]{{1,64}})"] };
            if (RegionRoutes.Contains(name) && !RegionCode.TryParse(text, out _))
                return new() { [name] = [$"'{Shorten(text)}' is not a GB/T 2260 six-digit region code (e.g. 320583 county, 320500 city, 320000 province)"] };
        }
        return null;
    }

    private static ProblemDetailsDto? Denial(HttpContext http)
    {
        if (Caller.From(http.User) is not { } caller) return new ProblemDetailsDto("https://tools.ietf.org/html/rfc9110#section-15.5.2", "Unauthorized", 401, "Sign in or send an API key in X-Api-Key.");
        if (caller.Role == Roles.Admin) return null;
        var values = http.Request.RouteValues;
        if (caller.Role == Roles.Public)
        {
            bool disclosure = http.GetEndpoint()?.Metadata.GetMetadata<PublicDisclosure>() is not null
                              && values.TryGetValue("period", out var period) && period?.ToString() is "year" or "yearly";
            return disclosure ? null : new ProblemDetailsDto("https://tools.ietf.org/html/rfc9110#section-15.5.4", "Forbidden", 403,
                "The public role sees annual disclosure figures only (emissions/year of an enterprise, emissions/yearly of a region).");
        }
        var registry = http.RequestServices.GetRequiredService<RegistryStore>();
        foreach (var (name, value) in values)
        {
            string text = value?.ToString() ?? "";
            if (EnterpriseRoutes.Contains(name))
            {
                var enterprise = registry.Enterprises().FirstOrDefault(e => e.Id == text);
                if (enterprise is null || !caller.CanSee(enterprise)) return ProblemDetailsDto.UnknownEnterprise(text);
            }
            else if (name == "site")
            {
                var site = registry.Sites().FirstOrDefault(s => s.Id == text);
                var enterprise = site is null ? null : registry.Enterprises().FirstOrDefault(e => e.Id == site.Enterprise);
                if (enterprise is null || !caller.CanSee(enterprise)) return ProblemDetailsDto.UnknownSite(text);
            }
            else if (RegionRoutes.Contains(name) && !caller.CanSeeRegion(RegionCode.Parse(text)))
            {
                return ProblemDetailsDto.UnknownRegion(text, null);
            }
        }
        return null;
    }

    private static bool IsQueryable(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t.IsPrimitive || t == typeof(DateOnly) || t == typeof(decimal);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";
}
