using System.Globalization;
using CarbonEdge.Cloud.Cli;
using CarbonEdge.Testing;

namespace CarbonEdge.Cloud.Tests.Regional;

/// <summary><c>cedge-cloud estimate-region</c>, run in-process through the real command line.</summary>
public sealed class EstimateRegionCommandTests
{
    private readonly RunFolder _folder = RunFolder.Create("estimate-region");

    private static int Run(params string[] args) => CloudCommand.Create().Parse(["estimate-region", .. args]).Invoke();

    /// <summary>Two counties of Suzhou; energy-domain statistics for January 2025 and 1000 / 600 kWh supplied a day.</summary>
    private (string Statistics, string Electricity) Inputs(params string[] extraStatistics)
    {
        var statistics = _folder.File($"statistics-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(statistics, ["region,period,domain,industry,energy_kind,quantity,unit",
            "320581,2025-01,energy,,raw_coal,3100,t", "320583,2025-01,energy,,natural_gas,31,10^4 m3", .. extraStatistics]);
        var electricity = _folder.File($"electricity-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(electricity, ["region,domain,industry,day,kwh",
            .. Enumerable.Range(1, 31).SelectMany(d => new[] { $"320581,energy,,2025-01-{d:D2},1000", $"320583,energy,,2025-01-{d:D2},600" })]);
        return (statistics, electricity);
    }

    [Fact]
    public void City_rows_are_the_sum_of_the_counties_with_the_arithmetic()
    {
        // 320581: raw coal 3100 t = 3 100 000 kg x 0.7143 = 2214.33 tce; 320583: natural gas 310 000 m3 x 1.2143 = 376.433 tce
        // city 320500: 2590.763 tce x 2.66 = 6891.42958 tCO2; January 1: (2214.33/31 + 376.433/31) = 83.5730 tce
        var (statistics, electricity) = Inputs();
        var output = _folder.File("city.csv");

        var exit = Run("--statistics", statistics, "--electricity", electricity, "--level", "city", "--from", "2025-01-01", "--to", "2025-01-31", "--out", output);

        Assert.Equal(0, exit);
        var lines = File.ReadAllLines(output);
        Assert.Equal("region,level,domain,industry,period_kind,period_start,tco2,tce,kwh,method,completeness,consistent", lines[0]);
        var month = lines.Single(l => l.StartsWith("320500,city,energy,,month,2025-01-01,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(6891.42958, double.Parse(month[6], CultureInfo.InvariantCulture), 6);
        Assert.Equal(2590.763, double.Parse(month[7], CultureInfo.InvariantCulture), 9);
        Assert.Equal(49_600, double.Parse(month[8], CultureInfo.InvariantCulture));
        Assert.Equal(["sum_of_regions", "1", "true"], month[9..]);
        var day = lines.Single(l => l.StartsWith("320500,city,energy,,day,2025-01-01,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(2590.763 / 31, double.Parse(day[7], CultureInfo.InvariantCulture), 9);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("320500,city,", l, StringComparison.Ordinal));
        Assert.Equal(1 + 1 + 31, lines.Length); // header, the month, its days (the quarter and year lack February..December)
    }

    [Fact]
    public void Bad_lines_are_skipped_or_reject_everything_with_all_or_nothing()
    {
        var (statistics, electricity) = Inputs("320581,2025-01,energy,,raw_coal,5,t", "320581,2025-02,energy,,natural_gas,-1,10^4 m3");
        var output = _folder.File("bad.csv");

        Assert.Equal(0, Run("--statistics", statistics, "--electricity", electricity, "--level", "county", "--from", "2025-01-01", "--to", "2025-01-31", "--out", output));
        Assert.Contains(File.ReadAllLines(output), l => l.StartsWith("320581,county,energy,,month,2025-01-01,5890.1178,2214.33,", StringComparison.Ordinal));

        var rejected = _folder.File("rejected.csv");
        Assert.Equal(1, Run("--statistics", statistics, "--electricity", electricity, "--level", "county", "--from", "2025-01-01", "--to", "2025-01-31",
            "--all-or-nothing", "--out", rejected));
        Assert.False(File.Exists(rejected));
    }

    [Fact]
    public void Usage_errors_exit_2()
    {
        var (statistics, electricity) = Inputs();
        Assert.Equal(2, Run("--statistics", statistics, "--electricity", electricity, "--level", "district", "--from", "2025-01-01", "--to", "2025-01-31", "--out", _folder.File("x.csv")));
        Assert.Equal(2, Run("--statistics", statistics, "--electricity", electricity, "--level", "city", "--from", "2025-02-01", "--to", "2025-01-31", "--out", _folder.File("x.csv")));
        Assert.Equal(2, Run("--statistics", _folder.File("none.csv"), "--electricity", electricity, "--level", "city", "--from", "2025-01-01", "--to", "2025-01-31", "--out", _folder.File("x.csv")));
    }
}
