using System.Globalization;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Regional;
using CsvHelper;

namespace CarbonEdge.Cloud.Regional;

/// <summary>
/// Writes the <c>estimate-region --out</c> file (a contract): header
/// <c>region,level,domain,industry,period_kind,period_start,tco2,tce,kwh,method,completeness,consistent</c>; level
/// <c>province|city|county</c>; period_kind <c>day|month|quarter|year</c>; period_start <c>YYYY-MM-DD</c>; kwh empty when
/// unknown; consistent <c>true|false</c>. Numbers in full (shortest round-trip text, invariant culture).
/// </summary>
internal static class RegionalResultsCsv
{
    public static readonly string[] Header = ["region", "level", "domain", "industry", "period_kind", "period_start", "tco2", "tce", "kwh", "method", "completeness", "consistent"];
    private static readonly CsvWriterOptions Options = new() { TrueValue = "true", FalseValue = "false", NewLine = "\n" };

    public static void Write(Stream output, IEnumerable<RegionalResult> results)
    {
        using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        csv.WriteHeader(Header);
        foreach (var r in results)
        {
            csv.WriteField(r.Key.Region.Value);
            csv.WriteField(r.Level.ToString().ToLowerInvariant());
            csv.WriteField(WireName.Of(r.Key.Domain));
            csv.WriteField(r.Key.Industry);
            csv.WriteField(WireName.Of(r.Period.Kind));
            csv.WriteField(r.Period.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(r.Tco2, default);
            csv.WriteField(r.Tce, default);
            if (r.Kwh is { } kwh)
            {
                csv.WriteField(kwh, default);
            }
            else
            {
                csv.WriteField("");
            }
            csv.WriteField(r.Method);
            csv.WriteField(r.Completeness, default);
            csv.WriteField(r.Consistent);
            csv.EndRecord();
        }
    }
}
