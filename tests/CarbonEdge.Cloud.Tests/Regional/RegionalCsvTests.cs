using CarbonEdge.Cloud.Estimation.Offline;
using CarbonEdge.Cloud.Regional;
using CarbonEdge.Estimation.Factors;

namespace CarbonEdge.Cloud.Tests.Regional;

/// <summary>Every rejection of the two region input formats names file, line, column and reason.</summary>
public sealed class RegionalCsvTests
{
    private static readonly FactorLibrary Factors = FactorLibrary.LoadEmbedded();

    private static RegionalImport Read(string? statistics, string? electricity, bool allOrNothing = false) =>
        RegionalCsv.Read(statistics is null ? null : (h, i) => CsvTable.OpenText("statistics.csv", statistics, h, i),
            electricity is null ? null : (h, i) => CsvTable.OpenText("electricity.csv", electricity, h, i), Factors, allOrNothing);

    [Fact]
    public void Statistics_lines_are_rejected_with_line_column_and_reason()
    {
        var import = Read("""
            region,period,domain,industry,energy_kind,quantity,unit
            320581,2025,energy,,raw_coal,1000,t
            32058,2025,energy,,raw_coal,1,t
            320581,2025-Q5,energy,,raw_coal,1,t
            320581,2025,mining,,raw_coal,1,t
            320581,2025,industry,31x,raw_coal,1,t
            320581,2025,energy,,moon_dust,1,t
            320581,2025,energy,,diesel,-2,t
            320581,2025,energy,,diesel,2,barrel
            320581,2025,energy,,diesel,2,m3
            320581,2025,energy,,raw_coal,5,t
            320581,2025,industry,3011,value_added,1200,10^4 yuan
            """, null);

        Assert.Equal(11, import.Rows);
        Assert.Equal(2, import.Statistics.Count);
        Assert.Equal([
            "statistics.csv line 3, column 1 (region): unknown region code '32058' (a GB/T 2260 six-digit code such as 320581); row skipped",
            "statistics.csv line 4, column 2 (period): '2025-Q5' is not a period YYYY, YYYY-Qn or YYYY-MM; row skipped",
            "statistics.csv line 5, column 3 (domain): unknown domain 'mining' (one of energy, industry, building, transport, agriculture, household); row skipped",
            "statistics.csv line 6, column 4 (industry): '31x' is not a GB/T 4754 industry code (a section letter or 2-4 digits) or empty; row skipped",
            "statistics.csv line 7, column 5 (energy_kind)",
            "statistics.csv line 8, column 6 (quantity): -2 is negative; row skipped",
            "statistics.csv line 9, column 7 (unit): unknown unit 'barrel'",
            "statistics.csv line 10, column 7 (unit): 'm3' does not fit diesel (its coefficient is per kg); row skipped",
            "statistics.csv line 11: duplicate key 320581,2025,energy,,raw_coal (first on line 2); row skipped",
        ], import.Issues.Select((i, n) => n is 4 or 6 ? i.ToString()[..i.ToString().IndexOf(':')] + (n == 6 ? ": unknown unit 'barrel'" : "") : i.ToString()));
        Assert.True(import.Imported);
    }

    [Fact]
    public void Electricity_lines_are_rejected_and_all_or_nothing_keeps_none()
    {
        const string Text = """
            region,domain,industry,day,kwh
            320581,household,,2025-01-01,1000
            320581,household,,2025-02-30,1000
            320581,household,,2025-01-02,-1
            320581,household,,2025-01-01,900
            """;
        var import = Read(null, Text);
        Assert.Single(import.Electricity);
        Assert.Equal([(3L, 4), (4L, 5), (5L, 0)], import.Issues.Select(i => (i.Line, i.Column)));

        var none = Read(null, Text, allOrNothing: true);
        Assert.False(none.Imported);
        Assert.Empty(none.Electricity);
        Assert.Equal(3, none.Issues.Count);
    }

    [Fact]
    public void A_wrong_header_is_a_file_error()
    {
        var ex = Assert.Throws<CsvFileException>(() => Read("region,period,domain,energy_kind,quantity,unit\n", null));
        Assert.Contains("missing: industry", ex.Message);
    }
}
