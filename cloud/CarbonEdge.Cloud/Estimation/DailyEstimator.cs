using CarbonEdge.Cloud.Export;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Cems;
using CarbonEdge.Estimation.Electricity;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Models;
using CarbonEdge.Estimation.Pipeline;
using Microsoft.Extensions.Logging;
using EstimationEnterprise = CarbonEdge.Estimation.Models.EnterpriseInfo;

namespace CarbonEdge.Cloud.Estimation;

/// <summary>One local day's estimate: every model's result per enterprise, and why a model could not run where it could not.</summary>
/// <param name="Day">The local day.</param>
/// <param name="Results">One per enterprise and model, by enterprise then model.</param>
/// <param name="Notices">One sentence per model that was due but could not run (missing factor, unusable report).</param>
/// <param name="Boundaries">When every enterprise was estimated: every meter's good readings nearest the day's two
/// midnights (within the boundary window), as read for the estimate; the roll-up references reuse them.</param>
internal sealed record DayEstimate(DateOnly Day, IReadOnlyList<EnterpriseDay> Results, IReadOnlyList<string> Notices, IReadOnlyList<BoundaryReadings> Boundaries);

/// <summary>
/// Runs the daily estimate for one local day (DESIGN.md "Estimation"): each meter's kWh from its energy register
/// (formula 1, <see cref="MeterDays"/>), read for the whole fleet in a few large InfluxDB queries; then per
/// enterprise every model its data allows — <c>grid</c> (formula 2, scope 2) for every enterprise with meters,
/// <c>energy_ratio</c> (formula 3, scope 1) with last month's energy report in the registry, <c>enterprise_factor</c>
/// (formula 4, scopes 1+2) with verified annual figures in the registry, <c>cems</c> (formula 5, scope 1) for
/// enterprises with <c>cems</c> devices — and writes them to <c>carbon_daily</c>, then, with <c>export.eventHubs</c>,
/// sends them to Event Hubs (<see cref="DailyResultEvents"/>). Running a day again overwrites its rows.
/// </summary>
internal sealed partial class DailyEstimator(
    RegistryStore registry,
    MeterDays meterDays,
    ReadingQuery readings,
    InfluxWriter writer,
    EstimationOptions options,
    FactorCatalog factors,
    ILogger<DailyEstimator> logger,
    EventHubsExport? export = null)
{
    /// <summary>Estimates <paramref name="day"/> for every enterprise with devices (or only <paramref name="enterpriseId"/>) and writes the results.</summary>
    /// <exception cref="InfluxQueryException">Readings could not be read.</exception>
    /// <exception cref="InfluxWriteException">Results could not be written.</exception>
    /// <exception cref="Azure.Messaging.EventHubs.EventHubsException">Written, but the Event Hubs export failed (the day is run again).</exception>
    public async Task<DayEstimate> EstimateAsync(DateOnly day, CancellationToken cancellationToken, string? enterpriseId = null)
    {
        var estimate = await ComputeAsync(day, cancellationToken, enterpriseId).ConfigureAwait(false);
        var zone = options.TimeZone;
        var write = await writer.WriteAsync(estimate.Results.Select(r => CarbonDailyPoints.From(r, zone)).ToList(), cancellationToken).ConfigureAwait(false);
        if (write.Rejected.Count > 0)
            throw new InfluxWriteException($"InfluxDB refused {write.Rejected.Count} carbon_daily points: {write.Rejected[0].Error}", transient: false);
        if (export is { Enabled: true }) await export.SendAsync(estimate.Results, zone, cancellationToken).ConfigureAwait(false);
        foreach (var r in estimate.Results)
            LogEstimated(logger, r.Enterprise.Id, $"{day:yyyy-MM-dd}", WireName.Of(r.Model), r.Kwh, r.Tco2, r.Completeness, r.Estimated, r.FactorVersion);
        return estimate;
    }

    /// <summary>Computes without writing; with <paramref name="until"/> only up to that instant ("today so far").</summary>
    /// <exception cref="InfluxQueryException">Readings could not be read.</exception>
    public async Task<DayEstimate> ComputeAsync(DateOnly day, CancellationToken cancellationToken, string? enterpriseId = null,
        DateTimeOffset? until = null)
    {
        var zone = options.TimeZone;
        var (start, end) = LocalDay.UtcBounds(day, zone);
        var window = options.BoundaryWindow;
        var devices = registry.Devices().Where(d => enterpriseId is null || d.Enterprise.Id == enterpriseId)
            .OrderBy(d => d.Enterprise.Id, StringComparer.Ordinal).ThenBy(d => d.Device.Site, StringComparer.Ordinal)
            .ThenBy(d => d.Device.Id, StringComparer.Ordinal).ToList();
        var meters = devices.Where(d => d.Device.Kind == DeviceKinds.Meter).ToList();
        var stacks = devices.Where(d => d.Device.Kind == DeviceKinds.Cems).ToList();
        var electricityOfDay = await meterDays.ComputeAsync([.. meters.Select(m => m.Device)], day, cancellationToken, until).ConfigureAwait(false);
        var hold = TimeSpan.FromSeconds(stacks.Select(s => s.Device.IntervalSeconds).DefaultIfEmpty(0).Max());
        var samples = stacks.Count == 0 ? [] : await readings.CemsAsync(Keys(stacks), start - (hold > window ? hold : window), end, cancellationToken).ConfigureAwait(false);

        var library = factors.Current();
        var lastMonth = Period.MonthOf(day).PreviousMonth;
        var reports = registry.EnergyReports(lastMonth.ToString()).GroupBy(l => l.Enterprise)
            .ToDictionary(g => g.Key, g => new MonthlyEnergyReport(g.Key, lastMonth, [.. g.Select(l => new EnergyQuantity(l.EnergyKind, l.Quantity, l.Unit))]));
        var settings = new PipelineSettings(library, options.GridCalibre);
        var reporting = registry.ReportingEnterprises();
        var results = new List<EnterpriseDay>();
        var notices = new List<string>();
        foreach (var group in devices.GroupBy(d => d.Enterprise.Id))
        {
            var registered = group.First().Enterprise;
            var enterprise = new EstimationEnterprise(registered.Id, registered.Region, registered.Industry);
            var ofMeters = group.Where(d => d.Device.Kind == DeviceKinds.Meter).Select(d => electricityOfDay.Days[(d.Device.Site, d.Device.Id)]).ToList();
            var electricity = new EnterpriseElectricity(enterprise, day, ofMeters);
            foreach (var e in electricity.Events)
                LogEvent(logger, enterprise.Id, $"{day:yyyy-MM-dd}", WireName.Of(e.Kind), e.Subject, e.Detail);
            var gapFill = options.GapFill == GapFillMethod.Drop ? GapFillMethod.Drop : GapFillMethod.Linear;
            var cemsDays = group.Where(d => d.Device.Kind == DeviceKinds.Cems).Select(s => CemsModel.Compute($"{s.Device.Site}/{s.Device.Id}",
                samples.GetValueOrDefault((s.Device.Site, s.Device.Id)) ?? [], s.Device.IntervalSeconds, day, zone, gapFill)).ToList();
            var outcome = EnterprisePipeline.Run(new EnterpriseDayInputs(electricity, reports.GetValueOrDefault(enterprise.Id), reporting.Contains(enterprise.Id), cemsDays), settings);
            results.AddRange(outcome.Results);
            foreach (var notice in outcome.Notices)
            {
                notices.Add(notice);
                LogNotEstimated(logger, notice);
            }
        }
        return new DayEstimate(day, results, notices, enterpriseId is null ? electricityOfDay.Boundaries : []);
    }

    private static List<(string Site, string Device)> Keys(List<DeviceContext> devices) => [.. devices.Select(d => (d.Device.Site, d.Device.Id))];

    [LoggerMessage(Level = LogLevel.Information, Message = "Estimated {Enterprise} {Day} {Method}: {Kwh:F3} kWh, {Tco2:F6} tCO2, completeness {Completeness:P1}, estimated {Estimated}, factor {Factor}")]
    static partial void LogEstimated(ILogger logger, string enterprise, string day, string method, double kwh, double tco2, double completeness, bool estimated, string factor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Estimation event {Enterprise} {Day}: {Kind} {Subject}: {Detail}")]
    static partial void LogEvent(ILogger logger, string enterprise, string day, string kind, string subject, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Notice}")]
    static partial void LogNotEstimated(ILogger logger, string notice);
}
