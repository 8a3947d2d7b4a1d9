using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Models;

namespace CarbonEdge.Cloud.Account;

/// <summary>
/// One enterprise-day of the account: kWh from the <c>grid</c> row, tCO2 of scope 2 (<c>grid</c>) plus scope 1
/// measured by CEMS (<c>cems</c>), and tce from the kWh with the GB/T 2589 equivalent coefficient of electricity.
/// </summary>
/// <param name="Enterprise">Enterprise id.</param>
/// <param name="Day">Local day.</param>
/// <param name="Kwh">Electricity, kWh.</param>
/// <param name="Tco2">Emissions, tCO2.</param>
/// <param name="Tce">Energy, tce (electricity only).</param>
internal sealed record AccountDay(string Enterprise, DateOnly Day, double Kwh, double Tco2, double Tce);

/// <summary>
/// Reads the stored daily results (<c>carbon_daily</c>, through <see cref="CarbonDailyPoints"/>) the account is computed
/// from; it never re-estimates.
/// </summary>
internal sealed class AccountDays(InfluxQueryClient influx, EstimationOptions options, FactorCatalog factors)
{
    /// <summary>Every stored result row of <paramref name="enterprises"/> from <paramref name="first"/> to <paramref name="last"/> (inclusive local days).</summary>
    /// <exception cref="InfluxQueryException">InfluxDB could not be read.</exception>
    public async Task<IReadOnlyList<EnterpriseDay>> RowsAsync(IReadOnlyCollection<string> enterprises, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        if (enterprises.Count == 0 || last < first) return [];
        var zone = options.TimeZone;
        string who = string.Join(" OR ", enterprises.Select(e => $"enterprise = {InfluxQl.Literal(e)}"));
        var series = await influx.QueryAsync(
            $"SELECT {CarbonDailyPoints.Fields} FROM {CarbonDailyPoints.Measurement} WHERE ({who}) AND time >= {InfluxQl.Time(LocalDay.UtcBounds(first, zone).Start)} " +
            $"AND time < {InfluxQl.Time(LocalDay.UtcBounds(last, zone).End)} GROUP BY {CarbonDailyPoints.Tags}", cancellationToken).ConfigureAwait(false);
        return [.. series.SelectMany(s => CarbonDailyPoints.Read(s, zone)).OrderBy(r => r.Day).ThenBy(r => r.Enterprise.Id)];
    }

    /// <summary>The account days of <paramref name="enterprises"/>, per enterprise and day with any row, in day order.</summary>
    public async Task<IReadOnlyList<AccountDay>> ReadAsync(IReadOnlyCollection<string> enterprises, DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
        Combine(await RowsAsync(enterprises, first, last, cancellationToken).ConfigureAwait(false));

    /// <summary>Combines result rows into account days (grid kWh; grid + cems tCO2; tce from kWh).</summary>
    public IReadOnlyList<AccountDay> Combine(IEnumerable<EnterpriseDay> rows)
    {
        var library = factors.Current();
        var days = new List<AccountDay>();
        foreach (var g in rows.GroupBy(r => (r.Enterprise.Id, r.Day)).OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Id))
        {
            var grid = g.FirstOrDefault(r => r.Model == EstimationModel.Grid);
            double kwh = grid?.Kwh ?? 0;
            double tco2 = (grid?.Tco2 ?? 0) + g.Where(r => r.Model == EstimationModel.Cems).Sum(r => r.Tco2);
            days.Add(new AccountDay(g.Key.Id, g.Key.Day, kwh, tco2, kwh * TcePerKwh(library, g.First().Enterprise.Region, g.Key.Day)));
        }
        return days;
    }

    /// <summary>tce per kWh of electricity (GB/T 2589 Annex A equivalent value, 0.1229 kgce/kWh in the embedded library).</summary>
    public static double TcePerKwh(FactorLibrary library, string region, DateOnly day) =>
        (library.Find(FactorKind.StandardCoalCoefficient, "electricity", null, region, day)?.Factor.Value
         ?? throw new FactorLibraryException("no standard-coal coefficient for electricity (kgce/kWh) in the factor library")) / 1000;
}
