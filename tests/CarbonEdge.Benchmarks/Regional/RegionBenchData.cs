using System.Globalization;
using System.Text;

namespace CarbonEdge.Benchmarks.Regional;

/// <summary>
/// A synthetic province (320000) of 10 cities x 10 counties, 5 domains (energy, industry 3011 and 3130, building,
/// transport, household), one year (2025): monthly statistics of two energy kinds per county, domain and industry,
/// and daily electricity per county, domain and industry (deterministic: a seasonal curve times a county scale).
/// </summary>
internal static class RegionBenchData
{
    public const int Year = 2025;
    public static readonly (string Domain, string Industry)[] Series =
        [("energy", ""), ("industry", "3011"), ("industry", "3130"), ("building", ""), ("transport", ""), ("household", "")];

    public static IEnumerable<string> Counties() =>
        Enumerable.Range(1, 10).SelectMany(city => Enumerable.Range(1, 10).Select(county => $"32{city:D2}{county:D2}"));

    /// <summary>Writes the two files; returns (statistics lines, electricity lines).</summary>
    public static (int Statistics, int Electricity) Write(string statisticsPath, string electricityPath)
    {
        var ci = CultureInfo.InvariantCulture;
        int statistics = 0, electricity = 0;
        using (var s = new StreamWriter(statisticsPath, false, Encoding.UTF8))
        {
            s.WriteLine("region,period,domain,industry,energy_kind,quantity,unit");
            foreach (var (county, scale) in Counties().Select((c, i) => (c, 1 + i % 7 * 0.1)))
            {
                foreach (var (domain, industry) in Series)
                {
                    for (var month = 1; month <= 12; month++)
                    {
                        s.WriteLine(string.Create(ci, $"{county},{Year}-{month:D2},{domain},{industry},raw_coal,{1000 * scale * (1 + 0.2 * Math.Cos(month)):F3},t"));
                        s.WriteLine(string.Create(ci, $"{county},{Year}-{month:D2},{domain},{industry},natural_gas,{50 * scale:F3},10^4 m3"));
                        statistics += 2;
                    }
                }
            }
        }
        using (var e = new StreamWriter(electricityPath, false, Encoding.UTF8))
        {
            e.WriteLine("region,domain,industry,day,kwh");
            foreach (var (county, scale) in Counties().Select((c, i) => (c, 1 + i % 7 * 0.1)))
            {
                foreach (var (domain, industry) in Series)
                {
                    for (var day = new DateOnly(Year, 1, 1); day.Year == Year; day = day.AddDays(1))
                    {
                        e.WriteLine(string.Create(ci, $"{county},{domain},{industry},{day:yyyy-MM-dd},{100_000 * scale * (1 + 0.3 * Math.Sin(day.DayOfYear / 58.0)):F1}"));
                        electricity++;
                    }
                }
            }
        }
        return (statistics, electricity);
    }
}
