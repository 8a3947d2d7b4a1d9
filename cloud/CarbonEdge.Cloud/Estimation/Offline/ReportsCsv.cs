using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Models;

namespace CarbonEdge.Cloud.Estimation.Offline;

/// <summary>
/// Reads <c>--reports</c>: header <c>enterprise,month,energy_kind,quantity,unit</c>; month <c>YYYY-MM</c>; energy kinds
/// as the factor library names them (raw_coal, diesel, gasoline, fuel_oil, natural_gas, ..., electricity for
/// E_lastMonth); units t, kg, 10^4 m3, m3, MWh, kWh, 10^4 kWh, GJ, MJ. A line <c>verified_co2</c> in tCO2 gives the
/// enterprise's verified emissions of that month's year (for the enterprise factor, with the year's electricity lines).
/// </summary>
internal static class ReportsCsv
{
    public static readonly string[] Header = ["enterprise", "month", "energy_kind", "quantity", "unit"];

    /// <summary>Energy kind of a verified annual emissions line, unit tCO2.</summary>
    public const string VerifiedCo2 = "verified_co2";

    private const int Enterprise = 0, Month = 1, Kind = 2, Quantity = 3, Unit = 4;

    /// <exception cref="CsvFileException">The file cannot be opened or its header is wrong.</exception>
    public static List<MonthlyEnergyReport> Read(string path, FactorLibrary factors, List<CsvIssue> issues)
    {
        var lines = new Dictionary<(string, Period), List<EnergyQuantity>>();
        var kinds = new ReportKinds(factors, (VerifiedCo2, "tCO2"));
        using var table = CsvTable.Open(path, Header, issues);
        while (table.Read())
        {
            if (table.RowBad || !table.TryText(Enterprise, out var enterprise) || !table.TryText(Kind, out var kind)
                || !table.TryNumber(Quantity, out var quantity) || !table.TryText(Unit, out var unit))
            {
                continue;
            }
            if (!Period.TryParse(table.Text(Month), out var month) || month.Kind != PeriodKind.Month)
            {
                table.Reject(Month, $"'{table.Text(Month)}' is not a month YYYY-MM");
                continue;
            }
            if (kinds.KindProblem(kind) is { } unknown)
            {
                table.Reject(Kind, unknown);
                continue;
            }
            if (quantity < 0)
            {
                table.Reject(Quantity, $"{quantity} is negative");
                continue;
            }
            if (kinds.UnitProblem(kind, unit) is { } misfit)
            {
                table.Reject(Unit, misfit);
                continue;
            }
            if (!lines.TryGetValue((enterprise, month), out var list))
            {
                lines[(enterprise, month)] = list = [];
            }
            list.Add(new EnergyQuantity(kind, quantity, unit));
        }
        return [.. lines.Select(l => new MonthlyEnergyReport(l.Key.Item1, l.Key.Item2, l.Value))];
    }
}
