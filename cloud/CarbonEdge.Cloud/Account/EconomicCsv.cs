using CarbonEdge.Cloud.Estimation.Offline;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Account;

namespace CarbonEdge.Cloud.Account;

/// <summary>
/// Reads economic inputs: header <c>enterprise,month,value_added_10k_cny,output,output_unit</c> (any order, extra
/// columns ignored); month <c>YYYY-MM</c>; value added in 10^4 CNY (万元), ≥ 0, may be empty when only output is
/// reported; output ≥ 0 or empty, with its unit when given. Bad rows are skipped and named (file, line, column).
/// </summary>
internal static class EconomicCsv
{
    /// <summary>The header.</summary>
    public static readonly string[] Header = ["enterprise", "month", "value_added_10k_cny", "output", "output_unit"];

    private const int Enterprise = 0, Month = 1, ValueAdded = 2, Output = 3, OutputUnit = 4;

    /// <summary>The good rows, each with <c>source</c> = "<paramref name="sourceName"/> line N".</summary>
    /// <exception cref="CsvFileException">The file cannot be opened or its header is wrong.</exception>
    public static List<EconomicInput> Read(string path, string sourceName, List<CsvIssue> issues)
    {
        var inputs = new List<EconomicInput>();
        using var table = CsvTable.Open(path, Header, issues);
        while (table.Read())
        {
            if (table.RowBad || !table.TryText(Enterprise, out var enterprise)) continue;
            if (!Period.TryParse(table.Text(Month), out var month) || month.Kind != PeriodKind.Month)
            {
                table.Reject(Month, $"'{table.Text(Month)}' is not a month YYYY-MM");
                continue;
            }
            if (!TryOptional(table, ValueAdded, out var valueAdded) || !TryOptional(table, Output, out var output)) continue;
            string? unit = table.IsEmpty(OutputUnit) ? null : table.Text(OutputUnit);
            if (output is not null && unit is null)
            {
                table.Reject(OutputUnit, "empty: give the unit of output (e.g. t)");
                continue;
            }
            if (valueAdded is null && output is null)
            {
                table.Reject(ValueAdded, "neither value added nor output given");
                continue;
            }
            inputs.Add(new EconomicInput(enterprise, month, valueAdded, output, unit, $"{sourceName} line {table.Line}"));
        }
        return inputs;
    }

    private static bool TryOptional(CsvTable table, int column, out double? value)
    {
        value = null;
        if (table.IsEmpty(column)) return true;
        if (!table.TryNumber(column, out double v)) return false;
        if (v < 0) return table.Reject(column, $"{v} is negative");
        value = v;
        return true;
    }
}
