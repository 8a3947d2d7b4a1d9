using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Models;
using CarbonEdge.Estimation.Rollups;
using CsvHelper;

namespace CarbonEdge.Cloud.Estimation.Offline;

/// <summary>
/// Writes <c>--out</c>: header <c>enterprise,day,method,kwh,tco2,completeness,estimated</c>, one row per enterprise,
/// local day and method; with roll-ups a further column <c>consistent</c>, filled on the roll-up rows, whose
/// <c>enterprise</c> is an enterprise id, <c>industry:CODE</c> or <c>region:CODE</c> and whose <c>day</c> is
/// <c>YYYY-MM-DD</c>, <c>YYYY-MM</c>, <c>YYYY-Qn</c> or <c>YYYY</c>. Numbers are written in full (the shortest text
/// that round-trips, invariant culture), booleans as <c>true</c>/<c>false</c>.
/// </summary>
internal static class ResultsCsv
{
    private static readonly CsvWriterOptions Options = new() { TrueValue = "true", FalseValue = "false", NewLine = "\n" };

    public static void Write(Stream output, IEnumerable<EnterpriseDay> days, IReadOnlyList<RollupRow>? rollups)
    {
        using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        csv.WriteHeader(rollups is null
            ? ["enterprise", "day", "method", "kwh", "tco2", "completeness", "estimated"]
            : ["enterprise", "day", "method", "kwh", "tco2", "completeness", "estimated", "consistent"]);
        foreach (var d in days)
        {
            Row(csv, d.Enterprise.Id, Period.Of(PeriodKind.Day, d.Day), d.Model, d.Kwh, d.Tco2, d.Completeness, d.Estimated);
            if (rollups is not null)
            {
                csv.WriteField("");
            }
            csv.EndRecord();
        }
        foreach (var r in rollups ?? [])
        {
            Row(csv, r.Key, r.Period, r.Model, r.Kwh, r.Tco2, r.Completeness, r.Estimated);
            csv.WriteField(r.Consistent);
            csv.EndRecord();
        }
    }

    private static void Row(CsvWriter csv, string key, Period period, EstimationModel model, double kwh, double tco2, double completeness, bool estimated)
    {
        csv.WriteField(key);
        csv.WriteField(period.ToString());
        csv.WriteField(WireName.Of(model));
        csv.WriteField(kwh, default);
        csv.WriteField(tco2, default);
        csv.WriteField(completeness, default);
        csv.WriteField(estimated);
    }
}
