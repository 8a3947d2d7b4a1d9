using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Prometheus;

namespace CarbonEdge.Cloud.Access;

/// <summary>
/// The API's request limit (ASP.NET Core's rate limiter, fixed one-minute windows): every request under <c>/api/</c> counts
/// against its API key (<see cref="AccessOptions.KeyRequestsPerMinute"/>, or the key's own entry in
/// <see cref="AccessOptions.KeyLimits"/>), or, signed in with a session cookie or not at all, against its client address
/// (<see cref="AccessOptions.AddressRequestsPerMinute"/>). A refusal (this one or the sign-in limit) answers 429 with
/// Problem Details (RFC 9457) and <c>Retry-After</c> (RFC 6585 §4, RFC 9110 §10.2.3), is counted in
/// <c>cedge_http_rate_limited_total{limit}</c> and is audited as <c>access.rate_limited</c>.
/// </summary>
internal static class ApiRateLimit
{
    private static readonly Counter Refused = Metrics.CreateCounter("cedge_http_rate_limited_total",
        "Requests refused with 429, by limit: api-key, api-address (sessions and anonymous callers) or sign-in.", "limit");

    /// <summary>The limiter over every request: one partition per API key or client address under <c>/api/</c>, none elsewhere.</summary>
    public static PartitionedRateLimiter<HttpContext> Create() => PartitionedRateLimiter.Create<HttpContext, string>(http =>
    {
        if (!http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)) return RateLimitPartition.GetNoLimiter("");
        var access = http.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value;
        var (partition, limit) = Caller.From(http.User) is { Kind: "key" } caller
            ? ($"key:{caller.Name}", access.KeyLimits.GetValueOrDefault(caller.Name, access.KeyRequestsPerMinute))
            : ($"address:{http.Connection.RemoteIpAddress}", access.AddressRequestsPerMinute);
        return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    });

    /// <summary>Answers a refused request: 429 Problem Details with <c>Retry-After</c> (whole seconds), counted and audited.</summary>
    public static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        string limit = !http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) ? "sign-in"
            : Caller.From(http.User) is { Kind: "key" } ? "api-key" : "api-address";
        string retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
            ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture)
            : "60";
        http.Response.Headers.RetryAfter = retry;
        Refused.WithLabels(limit).Inc();
        http.RequestServices.GetRequiredService<Auditor>().Record(http, "access.rate_limited", Auditor.TargetOf(http), "429", $"{limit} limit; retry after {retry} s");
        await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too Many Requests",
            type: "https://tools.ietf.org/html/rfc6585#section-4",
            detail: $"Over the {limit} request limit; retry after {retry} s.").ExecuteAsync(http);
    }
}
