using System.Security.Claims;
using CarbonEdge.Cloud.Access;
using CarbonEdge.Cloud.Live;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Protocols.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CarbonEdge.Cloud.Api;

/// <summary>Sites and their live values.</summary>
internal static class SiteEndpoints
{
    public static RouteGroupBuilder MapSites(this RouteGroupBuilder api)
    {
        api.MapGet("/sites", Sites);
        api.MapGet("/sites/{site}/live", Live);
        return api;
    }

    /// <summary><c>GET /api/v1/sites</c>: every site of the registry the caller may see, with its enterprise.</summary>
    internal static Ok<IReadOnlyList<SiteDto>> Sites(RegistryStore registry, ClaimsPrincipal user)
    {
        var caller = Caller.From(user)!;
        var enterprises = registry.Enterprises().ToDictionary(e => e.Id);
        return TypedResults.Ok<IReadOnlyList<SiteDto>>(registry.Sites().Where(s => caller.CanSee(enterprises[s.Enterprise]))
            .Select(s => new SiteDto(s.Id, s.Name, ToDto(enterprises[s.Enterprise]))).ToList());
    }

    /// <summary>
    /// <c>GET /api/v1/sites/{site}/live</c>: the latest value of every point of every device of the site (registered
    /// devices first, by id, then any unregistered device seen), the site's total active power and its gateways.
    /// </summary>
    internal static Results<Ok<LiveSiteDto>, NotFound<ProblemDetailsDto>> Live(string site, RegistryStore registry, LiveValues live,
        GatewayStatuses gateways, TimeProvider time)
    {
        var values = live.Site(site);
        if (registry.Sites().All(s => s.Id != site) && values.Count == 0) return TypedResults.NotFound(ProblemDetailsDto.UnknownSite(site));
        var names = registry.Devices().Where(d => d.Device.Site == site).ToDictionary(d => d.Device.Id, d => d.Device.Name);
        var devices = names.Keys.Union(values.Keys).Order(StringComparer.Ordinal)
            .Select(id => new LiveDeviceDto(id, names.GetValueOrDefault(id, id),
                (values.GetValueOrDefault(id) ?? []).ToDictionary(p => p.Key, p => new LivePointDto(p.Value.Value, p.Value.Unit, p.Value.Ts, p.Value.Quality, p.Value.Gateway))))
            .ToList();
        double totalKw = devices.Sum(d => d.Points.TryGetValue(Points.PowerActive, out var p) && p.Quality == ReadingQuality.Good ? p.Value ?? 0 : 0);
        return TypedResults.Ok(new LiveSiteDto(site, time.GetUtcNow(), totalKw, devices,
            gateways.Site(site).Select(g => new GatewayDto(g.Gateway, g.Status.State, g.Status.Since, g.Status.Version, g.Status.Buffered, g.Status.Evicted)).ToList()));
    }

    private static EnterpriseDto ToDto(EnterpriseInfo e) => new(e.Id, e.Name, e.Region, e.Industry);
}
