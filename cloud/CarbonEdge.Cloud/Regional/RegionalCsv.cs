using CarbonEdge.Cloud.Estimation.Offline;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Regional;
using CarbonEdge.Estimation.Regions;

namespace CarbonEdge.Cloud.Regional;

/// <summary>What an import read: the accepted lines, every rejected line, and how many data lines there were.</summary>
/// <param name="Statistics">Accepted statistics lines (empty when all-or-nothing and any line was rejected).</param>
/// <param name="Electricity">Accepted electricity lines (likewise).</param>
/// <param name="Issues">Every rejected line with file, line, column and reason.</param>
/// <param name="Rows">Data lines read.</param>
/// <param name="Imported">False when all-or-nothing threw everything away.</param>
internal sealed record RegionalImport(IReadOnlyList<StatisticsRecord> Statistics, IReadOnlyList<ElectricityRecord> Electricity,
    IReadOnlyList<CsvIssue> Issues, long Rows, bool Imported);

/// <summary>
/// The two region input formats (a contract others script against; T/CES carbon statistics §5.1 data sources):
/// statistics <c>region,period,domain,industry,energy_kind,quantity,unit</c> (period <c>YYYY</c>, <c>YYYY-Qn</c> or
/// <c>YYYY-MM</c>; domain <c>energy|industry|building|transport|agriculture|household</c>; industry a GB/T 4754 code or
/// empty; energy_kind a subject of the factor library's standard-coal coefficients, or <c>value_added</c> /
/// <c>value_added_above_scale</c> in <c>10^4 yuan</c>; unit <c>t|kg|m3|10^4 m3|kWh|MWh|GJ</c> fitting the kind), and
/// electricity <c>region,domain,industry,day,kwh</c> (day <c>YYYY-MM-DD</c>, kwh ≥ 0). A line with an unknown region
/// code, domain, energy kind or unit, a negative quantity, a period or day that does not parse, or a key seen before
/// is rejected with its file, line, column and reason.
/// </summary>
internal static class RegionalCsv
{
    public static readonly string[] StatisticsHeader = ["region", "period", "domain", "industry", "energy_kind", "quantity", "unit"];
    public static readonly string[] ElectricityHeader = ["region", "domain", "industry", "day", "kwh"];

    /// <summary>Reads both files (either may be null); with <paramref name="allOrNothing"/> one bad line rejects everything.</summary>
    /// <exception cref="CsvFileException">A file cannot be read or its header is wrong.</exception>
    public static RegionalImport Read(Func<IReadOnlyList<string>, List<CsvIssue>, CsvTable>? statistics, Func<IReadOnlyList<string>, List<CsvIssue>, CsvTable>? electricity,
        FactorLibrary factors, bool allOrNothing)
    {
        var issues = new List<CsvIssue>();
        long rows = 0;
        var stats = new List<StatisticsRecord>();
        var power = new List<ElectricityRecord>();
        if (statistics is not null)
        {
            using var table = statistics(StatisticsHeader, issues);
            rows += ReadStatistics(table, factors, stats);
        }
        if (electricity is not null)
        {
            using var table = electricity(ElectricityHeader, issues);
            rows += ReadElectricity(table, power);
        }
        var imported = !(allOrNothing && issues.Count > 0);
        return new RegionalImport(imported ? stats : [], imported ? power : [], issues, rows, imported);
    }

    private static long ReadStatistics(CsvTable table, FactorLibrary factors, List<StatisticsRecord> into)
    {
        const int Region = 0, PeriodColumn = 1, Domain = 2, Industry = 3, Kind = 4, Quantity = 5, Unit = 6;
        var baseUnits = factors.Latest.Where(f => f.Kind == FactorKind.StandardCoalCoefficient)
            .ToDictionary(f => f.Subject, f => f.Unit[(f.Unit.IndexOf('/') + 1)..], StringComparer.Ordinal);
        var seen = new Dictionary<(RegionCode, Period, RegionalDomain, string, string), long>();
        long rows = 0;
        while (table.Read())
        {
            rows++;
            if (table.RowBad || !TryKey(table, Region, Domain, Industry, out var region, out var domain, out var industry)
                || !table.TryText(Kind, out var kind) || !table.TryNumber(Quantity, out var quantity) || !table.TryText(Unit, out var unit))
            {
                continue;
            }
            if (!Period.TryParse(table.Text(PeriodColumn), out var period) || period.Kind == PeriodKind.Day)
            {
                table.Reject(PeriodColumn, $"'{table.Text(PeriodColumn)}' is not a period YYYY, YYYY-Qn or YYYY-MM");
                continue;
            }
            if (!StatisticsKinds.IsActivity(kind) && !baseUnits.ContainsKey(kind))
            {
                table.Reject(Kind, $"unknown energy kind '{kind}' (known: {string.Join(", ", baseUnits.Keys.Order(StringComparer.Ordinal))}, {StatisticsKinds.ValueAdded}, {StatisticsKinds.ValueAddedAboveScale})");
                continue;
            }
            if (quantity < 0)
            {
                table.Reject(Quantity, $"{quantity} is negative");
                continue;
            }
            var unitProblem = StatisticsKinds.IsActivity(kind)
                ? unit == StatisticsKinds.ValueAddedUnit ? null : $"'{unit}' is not the unit of {kind} ({StatisticsKinds.ValueAddedUnit})"
                : !StatisticsKinds.EnergyUnits.Contains(unit) ? $"unknown unit '{unit}' (units: {string.Join(", ", StatisticsKinds.EnergyUnits)})"
                : !(unit == baseUnits[kind] || Units.Converts(unit, baseUnits[kind])) ? $"'{unit}' does not fit {kind} (its coefficient is per {baseUnits[kind]})" : null;
            if (unitProblem is not null)
            {
                table.Reject(Unit, unitProblem);
                continue;
            }
            if (seen.TryGetValue((region, period, domain, industry, kind), out var first))
            {
                table.Reject(-1, $"duplicate key {region},{period},{WireName.Of(domain)},{industry},{kind} (first on line {first})");
                continue;
            }
            seen[(region, period, domain, industry, kind)] = table.Line;
            into.Add(new StatisticsRecord(region, period, domain, industry, kind, quantity, unit));
        }
        return rows;
    }

    private static long ReadElectricity(CsvTable table, List<ElectricityRecord> into)
    {
        const int Region = 0, Domain = 1, Industry = 2, Day = 3, Kwh = 4;
        var seen = new Dictionary<(RegionCode, RegionalDomain, string, DateOnly), long>();
        long rows = 0;
        while (table.Read())
        {
            rows++;
            if (table.RowBad || !TryKey(table, Region, Domain, Industry, out var region, out var domain, out var industry) || !table.TryNumber(Kwh, out var kwh))
            {
                continue;
            }
            if (!Period.TryParse(table.Text(Day), out var day) || day.Kind != PeriodKind.Day)
            {
                table.Reject(Day, $"'{table.Text(Day)}' is not a day YYYY-MM-DD");
                continue;
            }
            if (kwh < 0)
            {
                table.Reject(Kwh, $"{kwh} is negative");
                continue;
            }
            if (seen.TryGetValue((region, domain, industry, day.First), out var first))
            {
                table.Reject(-1, $"duplicate key {region},{WireName.Of(domain)},{industry},{day} (first on line {first})");
                continue;
            }
            seen[(region, domain, industry, day.First)] = table.Line;
            into.Add(new ElectricityRecord(region, domain, industry, day.First, kwh));
        }
        return rows;
    }

    private static bool TryKey(CsvTable table, int regionColumn, int domainColumn, int industryColumn, out RegionCode region, out RegionalDomain domain, out string industry)
    {
        industry = table.Text(industryColumn);
        domain = default;
        if (!RegionCode.TryParse(table.Text(regionColumn), out region))
        {
            return table.Reject(regionColumn, $"unknown region code '{table.Text(regionColumn)}' (a GB/T 2260 six-digit code such as 320581)");
        }
        if (!RegionalDomains.TryParse(table.Text(domainColumn), out domain))
        {
            return table.Reject(domainColumn, $"unknown domain '{table.Text(domainColumn)}' (one of {string.Join(", ", RegionalDomains.All.Select(WireName.Of))})");
        }
        return industry.Length == 0 || RegistryStore.IsIndustryCode(industry)
               || table.Reject(industryColumn, $"'{industry}' is not a GB/T 4754 industry code (a section letter or 2-4 digits) or empty");
    }
}
