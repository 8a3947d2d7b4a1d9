using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Electricity;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Models;
using Microsoft.Extensions.Logging;
using EstimationEnterprise = CarbonEdge.Estimation.Models.EnterpriseInfo;

namespace CarbonEdge.Cloud.Estimation;

/// <summary>
/// Runs the daily scope-2 estimate (DESIGN.md formulas 1 and 2) for one local day: per enterprise, each meter's
/// daily kWh from its energy register in InfluxDB (window around both midnights), summed, times the grid factor of the
/// enterprise's region and the day; writes <c>carbon_daily</c>. Running a day again overwrites its rows.
/// </summary>
internal sealed partial class DailyEstimator(
    RegistryStore registry,
    RegisterQuery registers,
    InfluxWriter writer,
    EstimationOptions options,
    FactorLibrary factors,
    ILogger<DailyEstimator> logger)
{
    /// <summary>Estimates <paramref name="day"/> for every enterprise with meters (or only <paramref name="enterpriseId"/>) and writes the results.</summary>
    /// <exception cref="InfluxQueryException">Readings could not be read.</exception>
    /// <exception cref="InfluxWriteException">Results could not be written.</exception>
    /// <exception cref="FactorNotFoundException">No grid factor for an enterprise's region up to the day.</exception>
    public async Task<IReadOnlyList<EnterpriseDay>> EstimateAsync(DateOnly day, CancellationToken cancellationToken, string? enterpriseId = null)
    {
        var results = await ComputeAsync(day, cancellationToken, enterpriseId).ConfigureAwait(false);
        var zone = options.TimeZone;
        var write = await writer.WriteAsync(results.Select(r => CarbonDailyPoints.From(r, zone)).ToList(), cancellationToken).ConfigureAwait(false);
        if (write.Rejected.Count > 0)
            throw new InfluxWriteException($"InfluxDB refused {write.Rejected.Count} carbon_daily points: {write.Rejected[0].Error}", transient: false);
        foreach (var r in results)
            LogEstimated(logger, r.Enterprise.Id, $"{day:yyyy-MM-dd}", r.Kwh, r.Tco2, r.Completeness, r.Estimated, r.FactorVersion);
        return results;
    }

    /// <summary>Computes without writing (also used for "today so far").</summary>
    public async Task<IReadOnlyList<EnterpriseDay>> ComputeAsync(DateOnly day, CancellationToken cancellationToken, string? enterpriseId = null)
    {
        var zone = options.TimeZone;
        var (start, end) = LocalDay.UtcBounds(day, zone);
        var window = TimeSpan.FromMinutes(options.BoundaryWindowMinutes);
        var electricityOptions = new ElectricityOptions { BoundaryWindow = window, GapFill = options.GapFill };
        var results = new List<EnterpriseDay>();
        foreach (var enterprise in registry.Enterprises())
        {
            if (enterpriseId is not null && enterprise.Id != enterpriseId) continue;
            var meters = registry.Devices()
                .Where(d => d.Enterprise.Id == enterprise.Id && d.Device.Kind == "meter")
                .Select(d => d.Device).OrderBy(d => d.Site).ThenBy(d => d.Id).ToList();
            if (meters.Count == 0) continue;
            var readings = await registers.LoadAsync(enterprise.Id, start - window, end + window, cancellationToken).ConfigureAwait(false);
            var meterDays = meters.Select(m => DailyElectricity.Compute(
                new MeterConfig($"{m.Site}/{m.Id}", m.Multiplier, m.RolloverKwh, m.IntervalSeconds),
                readings.GetValueOrDefault((m.Site, m.Id)) ?? [], day, zone, electricityOptions)).ToList();
            foreach (var e in meterDays.SelectMany(m => m.Events))
                LogEvent(logger, enterprise.Id, $"{day:yyyy-MM-dd}", WireName.Of(e.Kind), e.Subject, e.Detail);
            var factor = factors.ResolveGrid(enterprise.Region, day, options.GridCalibre);
            var electricity = new EnterpriseElectricity(new EstimationEnterprise(enterprise.Id, enterprise.Region, enterprise.Industry), day, meterDays);
            results.Add(GridModel.Estimate(electricity, factor));
        }
        return results;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Estimated {Enterprise} {Day}: {Kwh:F3} kWh, {Tco2:F6} tCO2, completeness {Completeness:P1}, estimated {Estimated}, factor {Factor}")]
    static partial void LogEstimated(ILogger logger, string enterprise, string day, double kwh, double tco2, double completeness, bool estimated, string factor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Estimation event {Enterprise} {Day}: {Kind} {Subject}: {Detail}")]
    static partial void LogEvent(ILogger logger, string enterprise, string day, string kind, string subject, string detail);
}
