using CarbonEdge.Estimation.Regional;
using CarbonEdge.Estimation.Regions;

namespace CarbonEdge.Estimation.Tests.Regional;

/// <summary>Short builders of statistics and electricity lines for the region tests.</summary>
internal static class RegionalInputs
{
    public static StatisticsRecord Stat(string region, string period, RegionalDomain domain, string kind, double quantity, string unit, string industry = "") =>
        Period.TryParse(period, out var p) ? new(RegionCode.Parse(region), p, domain, industry, kind, quantity, unit) : throw new FormatException(period);

    /// <summary>One line per day of [first, last], kWh from <paramref name="kwh"/>.</summary>
    public static IEnumerable<ElectricityRecord> Days(string region, RegionalDomain domain, DateOnly first, DateOnly last, Func<DateOnly, double> kwh, string industry = "")
    {
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            yield return new ElectricityRecord(RegionCode.Parse(region), domain, industry, d, kwh(d));
        }
    }

    public static RegionalRequest Request(RegionLevel level, string from, string to) =>
        new(level, DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture));

    public static RegionalResult Row(RegionalRunResult run, string region, RegionalDomain domain, string period, string industry = "") =>
        Assert.Single(run.Results, r => r.Key.Region.Value == region && r.Key.Domain == domain && r.Key.Industry == industry && r.Period.ToString() == period);
}
