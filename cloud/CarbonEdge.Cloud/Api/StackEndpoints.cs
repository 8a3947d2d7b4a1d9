using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Cems;
using CarbonEdge.Estimation.Electricity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CarbonEdge.Cloud.Api;

/// <summary>One stack's direct CO2 today so far.</summary>
/// <param name="Site">Site id.</param>
/// <param name="Device">The CEMS device.</param>
/// <param name="Tco2">Measured CO2 from local midnight to now, tCO2.</param>
/// <param name="GoodIntervals">Intervals with a valid sample.</param>
internal sealed record StackTodayDto(string Site, string Device, double Tco2, int GoodIntervals);

/// <summary>An enterprise's direct (scope 1) CO2 measured by its stacks today so far.</summary>
/// <param name="Enterprise">Enterprise id.</param>
/// <param name="Day">Today, local.</param>
/// <param name="AsOf">When it was computed.</param>
/// <param name="Tco2">Sum of the stacks, tCO2.</param>
/// <param name="Stacks">Each stack.</param>
internal sealed record StacksTodayDto(string Enterprise, string Day, DateTimeOffset AsOf, double Tco2, IReadOnlyList<StackTodayDto> Stacks);

/// <summary>Direct measurement by CEMS stacks (DESIGN formula 5, scope 1): today so far.</summary>
internal static class StackEndpoints
{
    public static RouteGroupBuilder MapStacks(this RouteGroupBuilder api)
    {
        api.MapGet("/enterprises/{id}/stacks/today", TodayAsync);
        return api;
    }

    /// <summary>
    /// <c>GET /api/v1/enterprises/{id}/stacks/today</c>: formula 5 on each CEMS device's samples from local midnight to
    /// now, gaps dropped (measured only: nothing is extrapolated past the latest sample); computed on request.
    /// </summary>
    internal static async Task<Results<Ok<StacksTodayDto>, NotFound<ProblemDetailsDto>>> TodayAsync(
        string id, RegistryStore registry, ReadingQuery readings, EstimationOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (registry.Enterprises().All(e => e.Id != id)) return TypedResults.NotFound(ProblemDetailsDto.UnknownEnterprise(id));
        var now = time.GetUtcNow();
        var zone = options.TimeZone;
        var today = LocalDay.Of(now, zone);
        var (start, _) = LocalDay.UtcBounds(today, zone);
        var stacks = registry.Devices().Where(d => d.Enterprise.Id == id && d.Device.Kind == DeviceKinds.Cems).Select(d => d.Device).ToList();
        var samples = stacks.Count == 0 ? [] : await readings.CemsAsync(stacks.Select(s => (s.Site, s.Id)).ToList(),
            start - TimeSpan.FromSeconds(stacks.Max(s => s.IntervalSeconds)), now, cancellationToken).ConfigureAwait(false);
        var days = stacks.Select(s => (Stack: s, Day: CemsModel.Compute($"{s.Site}/{s.Id}", samples.GetValueOrDefault((s.Site, s.Id)) ?? [],
            s.IntervalSeconds, today, zone, GapFillMethod.Drop))).ToList();
        return TypedResults.Ok(new StacksTodayDto(id, $"{today:yyyy-MM-dd}", now, days.Sum(d => d.Day.Tco2),
            [.. days.Select(d => new StackTodayDto(d.Stack.Site, d.Stack.Id, d.Day.Tco2, d.Day.GoodIntervals))]));
    }
}
