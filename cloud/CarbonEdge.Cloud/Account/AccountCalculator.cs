using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Account;
using CarbonEdge.Estimation.Forecast;
using CarbonEdge.Estimation.Regions;

namespace CarbonEdge.Cloud.Account;

/// <summary>A budget's position for the month and the year of the last measured day, with the forecast behind it.</summary>
/// <param name="Subject">Enterprise or region.</param>
/// <param name="Budget">The annual budget.</param>
/// <param name="Month">Position in the month of <see cref="BudgetPosition.Through"/>.</param>
/// <param name="Year">Position in the year.</param>
/// <param name="Forecast">The daily forecast of the quantity to the year's end.</param>
internal sealed record BudgetStatus(WarningSubject Subject, AnnualBudget Budget, BudgetPosition Month, BudgetPosition Year, PeriodForecast Forecast);

/// <summary>
/// Computes the account from the stored daily results and the registry: budget positions with their forecast
/// (T/ZJSEE energy-power monitoring guide §6.3.2.2, §6.3.1.4 e), and the carbon-efficiency grade (§6.4.2.3;
/// T/CEPPC 14-2023 §6.2.1).
/// </summary>
internal sealed class AccountCalculator(RegistryStore registry, AccountDays accountDays, AccountOptions options)
{
    /// <summary>Days of history before 1 January read for the forecast of the year's first weeks.</summary>
    private static readonly int HistoryDays = new WeekdayMedianForecaster().MinHistoryDays;

    /// <summary>The enterprises a subject covers: the enterprise itself, or every enterprise in the region (county, city or province).</summary>
    public IReadOnlyList<string> Members(WarningSubject subject, string id) => subject == WarningSubject.Enterprise
        ? [.. registry.Enterprises().Where(e => e.Id == id).Select(e => e.Id)]
        : [.. registry.Enterprises().Where(e => InRegion(e.Region, id)).Select(e => e.Id)];

    /// <summary>True when <paramref name="region"/> lies in <paramref name="area"/> (GB/T 2260: the same code, its city or its province).</summary>
    public static bool InRegion(string region, string area) =>
        RegionCode.TryParse(region, out var r) && (r.Value == area || r.City.Value == area || r.Province.Value == area);

    /// <summary>Daily totals of a subject's members (summed per day), from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public async Task<IReadOnlyList<AccountDay>> DaysAsync(WarningSubject subject, string id, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var days = await accountDays.ReadAsync(Members(subject, id), first, last, cancellationToken).ConfigureAwait(false);
        return [.. days.GroupBy(d => d.Day).Select(g => new AccountDay(id, g.Key, g.Sum(d => d.Kwh), g.Sum(d => d.Tco2), g.Sum(d => d.Tce)))];
    }

    /// <summary>The status of every budget of <paramref name="today"/>'s year (of one subject, or all) against the days measured before today.</summary>
    public async Task<IReadOnlyList<BudgetStatus>> BudgetsAsync(DateOnly today, CancellationToken cancellationToken, WarningSubject? subject = null, string? id = null)
    {
        var statuses = new List<BudgetStatus>();
        foreach (var group in registry.Budgets(today.Year, subject, id).GroupBy(b => (b.Subject, b.Budget.Subject)))
        {
            var yearStart = new DateOnly(today.Year, 1, 1);
            var days = await DaysAsync(group.Key.Item1, group.Key.Item2, yearStart.AddDays(-HistoryDays), today.AddDays(-1), cancellationToken).ConfigureAwait(false);
            foreach (var (s, budget) in group)
                statuses.Add(Status(s, budget, days, today));
        }
        return statuses;
    }

    /// <summary>A budget's status from its subject's days (those before 1 January feed only the forecast).</summary>
    public static BudgetStatus Status(WarningSubject subject, AnnualBudget budget, IReadOnlyList<AccountDay> days, DateOnly today)
    {
        var history = days.Select(d => new DailyValue(d.Day, budget.Quantity == BudgetQuantity.Tco2 ? d.Tco2 : d.Tce)).ToList();
        var yearStart = new DateOnly(budget.Year, 1, 1);
        var through = history.Count > 0 && history[^1].Day >= yearStart ? history[^1].Day : today.AddDays(-1);
        if (through < yearStart) through = yearStart;
        if (history.Count == 0 || history[^1].Day < through) history.Add(new DailyValue(through, 0));
        var forecast = PeriodForecast.Of(history, new WeekdayMedianForecaster());
        var month = Period.MonthOf(through);
        double monthUsed = history.Where(h => month.Contains(h.Day)).Sum(h => h.Value);
        double yearUsed = history.Where(h => h.Day >= yearStart).Sum(h => h.Value);
        return new BudgetStatus(subject, budget,
            new BudgetPosition(budget, month, through, monthUsed, forecast.MonthEnd),
            new BudgetPosition(budget, Period.Of(PeriodKind.Year, yearStart), through, yearUsed, forecast.YearEnd),
            forecast);
    }

    /// <summary>
    /// The intensity checks (T/ZJSEE energy-power monitoring guide §6.3.1.5 e) of every enterprise with a target, for the
    /// month and the year of the last day before <paramref name="today"/>: tCO2 and tce to that day over the value
    /// added of the months they cover.
    /// </summary>
    public async Task<IntensityOutcome> IntensityAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var targets = registry.Enterprises().Select(e => (e.Id, Target: options.IntensityTargetOf(e))).Where(t => t.Target is not null).ToList();
        if (targets.Count == 0) return new IntensityOutcome([], []);
        var through = today.AddDays(-1);
        var year = Period.Of(PeriodKind.Year, through);
        var month = Period.MonthOf(through);
        var days = await accountDays.ReadAsync([.. targets.Select(t => t.Id)], year.First, through, cancellationToken).ConfigureAwait(false);
        var inputs = registry.EconomicInputs(Period.MonthOf(year.First), month);
        var checks = new List<WarningCheck>();
        var notChecked = new List<string>();
        foreach (var (id, target) in targets)
            foreach (var period in new[] { month, year })
            {
                var mine = days.Where(d => d.Enterprise == id && period.Contains(d.Day)).ToList();
                var (valueAdded, reason) = ValueAddedSum.ToDate(period, through, inputs.Where(i => i.Enterprise == id));
                var outcome = mine.Count == 0
                    ? new IntensityOutcome([], [$"{id} {period}: intensity not checked: no emission results stored"])
                    : IntensityRules.Check(id, period, mine.Sum(d => d.Tco2), mine.Sum(d => d.Tce), valueAdded, reason, target!);
                checks.AddRange(outcome.Checks);
                notChecked.AddRange(outcome.NotChecked);
            }
        return new IntensityOutcome(checks, notChecked);
    }

    /// <summary>
    /// The carbon-efficiency grade of an enterprise over <paramref name="period"/> against the enterprises of its
    /// GB/T 4754 industry in its GB/T 2260 region (the same code).
    /// </summary>
    public async Task<EfficiencyGrade> GradeAsync(EnterpriseInfo enterprise, Period period, CancellationToken cancellationToken)
    {
        var peers = registry.Enterprises().Where(e => e.Region == enterprise.Region && e.Industry == enterprise.Industry).Select(e => e.Id).ToList();
        var days = await accountDays.ReadAsync(peers, period.First, period.Last, cancellationToken).ConfigureAwait(false);
        var inputs = registry.EconomicInputs(Period.MonthOf(period.First), Period.MonthOf(period.Last));
        EfficiencyValues ValuesOf(string id)
        {
            var mine = days.Where(d => d.Enterprise == id).ToList();
            if (mine.Count == 0) return EfficiencyValues.Compute(0, 0, null, $"no emission results stored for {period}");
            var (valueAdded, reason) = ValueAddedSum.Over(period, inputs.Where(i => i.Enterprise == id));
            return EfficiencyValues.Compute(mine.Sum(d => d.Tco2), mine.Sum(d => d.Tce), valueAdded, reason);
        }
        var values = peers.ToDictionary(p => p, ValuesOf);
        return EfficiencyGrade.Assess(period, values[enterprise.Id], values.Values, options.Scheme());
    }
}
