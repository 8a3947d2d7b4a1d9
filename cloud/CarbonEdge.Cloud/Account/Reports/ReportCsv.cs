using System.Globalization;
using System.Text;
using CarbonEdge.Estimation;

namespace CarbonEdge.Cloud.Account.Reports;

/// <summary>
/// Renders a <see cref="MonthlyReport"/> as CSV (RFC 4180, UTF-8), one record per line under the header
/// <c>record,day,method,scope,kwh,tco2,completeness,estimated,name,value,unit,detail</c>; <c>record</c> is
/// <c>enterprise</c>, <c>period</c>, <c>no_data</c>, <c>daily</c>, <c>monthly</c>, <c>completeness</c>, <c>factor</c>,
/// <c>event</c>, <c>efficiency</c>, <c>budget</c> or <c>formula</c>; unused columns are empty.
/// </summary>
internal static class ReportCsv
{
    public const string Header = "record,day,method,scope,kwh,tco2,completeness,estimated,name,value,unit,detail";

    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static string Render(MonthlyReport r)
    {
        var c = new StringBuilder().Append(Header).Append('\n');
        void Row(string record, string day = "", string method = "", string scope = "", double? kwh = null, double? tco2 = null, double? completeness = null,
            bool? estimated = null, string name = "", double? value = null, string unit = "", string detail = "") =>
            c.Append(string.Join(',', record, day, method, Q(scope), F(kwh), F(tco2), F(completeness), estimated?.ToString().ToLowerInvariant() ?? "", Q(name), F(value), Q(unit), Q(detail))).Append('\n');

        Row("enterprise", name: r.Enterprise.Id, detail: $"{r.Enterprise.Name}; region {r.Enterprise.Region}; industry {r.Enterprise.Industry}; sites {string.Join(" ", r.Sites.Select(s => s.Id))}");
        Row("period", day: $"{r.Month.First:yyyy-MM-dd}", name: r.Month.ToString(), value: r.Month.Days, unit: "days", detail: $"local days in {r.Zone}");
        if (!r.HasData)
        {
            Row("no_data", name: r.Month.ToString(), detail: r.NoDataText);
            return c.ToString();
        }
        foreach (var x in r.Rows.OrderBy(x => x.Day).ThenBy(x => x.Scope))
            Row("daily", $"{x.Day:yyyy-MM-dd}", WireName.Of(x.Model), x.Scope, x.Kwh, x.Tco2, x.Completeness, x.Estimated, name: x.FactorVersion);
        foreach (var g in r.Rows.GroupBy(x => (x.Model, x.Scope)))
            Row("monthly", r.Month.ToString(), WireName.Of(g.Key.Model), g.Key.Scope, g.Sum(x => x.Kwh), g.Sum(x => x.Tco2), g.Average(x => x.Completeness), g.Any(x => x.Estimated));
        Row("completeness", name: "days_with_results", value: r.Days.Count, unit: "days", detail: $"gap fill {r.GapFill}; estimated days {string.Join(" ", r.Rows.Where(x => x.Estimated).Select(x => $"{x.Day:yyyy-MM-dd}").Distinct())}");
        foreach (var f in r.Factors) Row("factor", name: f.VersionId, value: f.Value, unit: f.Unit, detail: $"{f.Source.Document}; {f.Source.Clause}");
        foreach (var (day, e) in r.Events) Row("event", $"{day:yyyy-MM-dd}", name: WireName.Of(e.Kind), detail: $"{e.Subject}: {e.Detail}");
        var g2 = r.Grade;
        Row("efficiency", r.Month.ToString(), name: "tco2_per_10k_cny", value: g2.Enterprise.Tco2PerValueAdded, unit: "tCO2/10^4 CNY", detail: g2.Reason ?? "");
        Row("efficiency", r.Month.ToString(), name: "industry_tco2_per_10k_cny", value: g2.Industry.Tco2PerValueAdded, unit: "tCO2/10^4 CNY", detail: $"{g2.IndustryEnterprises} enterprises");
        Row("efficiency", r.Month.ToString(), name: "tce_per_10k_cny", value: g2.Enterprise.TcePerValueAdded, unit: "tce/10^4 CNY");
        Row("efficiency", r.Month.ToString(), name: "tco2_per_tce", value: g2.Enterprise.Tco2PerTce, unit: "tCO2/tce");
        Row("efficiency", r.Month.ToString(), name: "k", value: g2.K, unit: "1");
        Row("efficiency", r.Month.ToString(), name: "grade", value: g2.Grade, detail: $"{g2.Level}; {r.Scheme.Name}");
        foreach (var b in r.Budgets)
            foreach (var p in new[] { b.Month, b.Year })
                Row("budget", $"{p.Through:yyyy-MM-dd}", name: $"{WireName.Of(b.Budget.Quantity)} {p.Period}", value: p.Used, unit: WireName.Of(b.Budget.Quantity),
                    detail: string.Create(Ci, $"allocation {p.Allocation:0.###}; used {p.UsedPercent:0.0} %; forecast {p.Forecast:0.###}"));
        foreach (var (name, formula, source) in MonthlyReport.Formulas) Row("formula", name: name, detail: $"{formula} ({source})");
        return c.ToString();
    }

    private static string F(double? v) => v is { } x ? x.ToString("R", Ci) : "";

    private static string Q(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
