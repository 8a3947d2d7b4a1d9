using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Account;
using CarbonEdge.Estimation.Electricity;
using CarbonEdge.Estimation.Factors;

namespace CarbonEdge.Cloud.Account.Reports;

/// <summary>Gathers a <see cref="MonthlyReport"/> from the registry and the stored daily results.</summary>
internal sealed class MonthlyReportBuilder(RegistryStore registry, AccountDays accountDays, AccountCalculator calculator, FactorCatalog factors,
    DailyEstimator estimator, ReadingQuery readings, AccountOptions options, EstimationOptions estimation, TimeProvider time)
{
    /// <summary>The report of <paramref name="enterprise"/> for <paramref name="month"/>.</summary>
    /// <exception cref="InfluxQueryException">The results could not be read.</exception>
    public async Task<MonthlyReport> BuildAsync(EnterpriseInfo enterprise, Period month, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = LocalDay.Of(now, estimation.TimeZone);
        var sites = registry.Sites().Where(s => s.Enterprise == enterprise.Id).ToList();
        var siteIds = sites.Select(s => s.Id).ToHashSet();
        var meters = registry.Devices().Select(d => d.Device).Where(d => siteIds.Contains(d.Site)).OrderBy(d => d.Site).ThenBy(d => d.Id).ToList();
        var rows = await accountDays.RowsAsync([enterprise.Id], month.First, month.Last, cancellationToken).ConfigureAwait(false);
        var library = factors.Current();
        var cited = rows.SelectMany(r => r.FactorVersions).Distinct()
            .Select(v => library.All.FirstOrDefault(f => f.VersionId == v)).OfType<Factor>().ToList();
        if (library.Find(FactorKind.StandardCoalCoefficient, "electricity", null, enterprise.Region, month.First) is { } coal) cited.Add(coal.Factor);

        var (events, note) = rows.Count == 0 ? ([], null) : await EventsAsync(enterprise.Id, meters, rows.Select(r => r.Day).Distinct().Order().ToList(), cancellationToken).ConfigureAwait(false);
        var grade = await calculator.GradeAsync(enterprise, month, cancellationToken).ConfigureAwait(false);
        var end = month.Last < today ? month.Last.AddDays(1) : today;
        var budgets = new List<BudgetStatus>();
        var yearBudgets = registry.Budgets(month.First.Year, WarningSubject.Enterprise, enterprise.Id);
        if (yearBudgets.Count > 0 && rows.Count > 0)
        {
            var days = await calculator.DaysAsync(WarningSubject.Enterprise, enterprise.Id, new DateOnly(month.First.Year, 1, 1).AddDays(-28), end.AddDays(-1), cancellationToken).ConfigureAwait(false);
            budgets.AddRange(yearBudgets.Select(b => AccountCalculator.Status(b.Subject, b.Budget, days, end)));
        }
        return new MonthlyReport(enterprise, sites, meters, month, estimation.Zone, now, rows, accountDays.Combine(rows), cited,
            WireName.Of(estimation.GapFill), events, note, grade, options.Scheme(), budgets);
    }

    /// <summary>
    /// The meter and factor events of the days, recomputed from the stored readings (they are not stored with the
    /// results), and the meters' clock corrections found in their <c>clock.drift</c> readings.
    /// </summary>
    private async Task<(IReadOnlyList<(DateOnly, EstimationEvent)>, string?)> EventsAsync(string enterprise, IReadOnlyList<DeviceInfo> meters,
        IReadOnlyList<DateOnly> days, CancellationToken cancellationToken)
    {
        var events = new List<(DateOnly, EstimationEvent)>();
        try
        {
            foreach (var day in days)
            {
                var estimate = await estimator.ComputeAsync(day, cancellationToken, enterprise).ConfigureAwait(false);
                events.AddRange(estimate.Results.SelectMany(r => r.Events).Distinct().Select(e => (day, e)));
            }
            var (from, to) = (LocalDay.UtcBounds(days[0], estimation.TimeZone).Start, LocalDay.UtcBounds(days[^1], estimation.TimeZone).End);
            var drifts = await readings.ClockDriftAsync([.. meters.Select(m => (m.Site, m.Id))], from, to, cancellationToken).ConfigureAwait(false);
            foreach (var ((_, device), series) in drifts.OrderBy(d => d.Key.Device, StringComparer.Ordinal))
                events.AddRange(ClockCorrections.Find(device, series.Select(r => new ClockDrift(r.Timestamp, r.Value)))
                    .Select(e => (LocalDay.Of(e.At!.Value, estimation.TimeZone), e)));
            return ([.. events.OrderBy(e => e.Item1)], null);
        }
        catch (InfluxQueryException ex)
        {
            return (events, $"events could not be recomputed from the readings ({ex.Message})");
        }
    }
}
