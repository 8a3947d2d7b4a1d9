using System.Globalization;
using System.Net;
using System.Text;
using CarbonEdge.Estimation;

namespace CarbonEdge.Cloud.Account.Reports;

/// <summary>Renders a <see cref="MonthlyReport"/> as one self-contained HTML page laid out for A4 printing.</summary>
internal static class ReportHtml
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static string Render(MonthlyReport r)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E($"Emissions report {r.Enterprise.Id} {r.Month}")).Append("</title><style>")
         .Append("@page{size:A4;margin:14mm}body{font:11px/1.4 system-ui,sans-serif;color:#111;margin:0 auto;max-width:190mm}")
         .Append("h1{font-size:18px;margin:0 0 4px}h2{font-size:13px;margin:14px 0 4px;border-bottom:1px solid #999}")
         .Append("table{border-collapse:collapse;width:100%;margin:2px 0}th,td{border:1px solid #bbb;padding:2px 4px;text-align:left}")
         .Append("td.n{text-align:right;font-variant-numeric:tabular-nums}tr{break-inside:avoid}.note{color:#444}.nodata{font-size:13px;padding:8px;border:2px solid #b00}")
         .Append("</style></head><body>");
        h.Append("<h1 id=\"report-title\">Monthly emissions report — ").Append(E(r.Enterprise.Name)).Append(" — ").Append(E(r.Month.ToString())).Append("</h1>");
        h.Append("<p class=\"note\">Generated ").Append(r.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", Ci)).Append(" by cedge-cloud; local days in ")
         .Append(E(r.Zone)).Append(". T/CEPPC 14-2023 §6.2.2 a.</p>");

        h.Append("<h2>Enterprise and sites</h2><table><tr><th>enterprise</th><td>").Append(E(r.Enterprise.Id)).Append(" — ").Append(E(r.Enterprise.Name))
         .Append("</td></tr><tr><th>region (GB/T 2260)</th><td>").Append(E(r.Enterprise.Region)).Append("</td></tr><tr><th>industry (GB/T 4754)</th><td>")
         .Append(E(r.Enterprise.Industry)).Append("</td></tr><tr><th>period</th><td>").Append($"{r.Month.First:yyyy-MM-dd} to {r.Month.Last:yyyy-MM-dd} ({r.Month.Days} days)")
         .Append("</td></tr></table><table><tr><th>site</th><th>device</th><th>kind</th><th>name</th><th>multiplier</th><th>interval s</th></tr>");
        foreach (var m in r.Meters)
            h.Append("<tr><td>").Append(E(m.Site)).Append("</td><td>").Append(E(m.Id)).Append("</td><td>").Append(E(m.Kind)).Append("</td><td>").Append(E(m.Name))
             .Append("</td><td class=n>").Append(N(m.Multiplier)).Append("</td><td class=n>").Append(m.IntervalSeconds).Append("</td></tr>");
        h.Append("</table>");

        if (!r.HasData)
        {
            h.Append("<p class=\"nodata\" id=\"no-data\">").Append(E(r.NoDataText)).Append("</p>");
            AppendFormulas(h);
            return h.Append("</body></html>").ToString();
        }

        var total = r.Days;
        h.Append("<h2>Month</h2><table id=\"month-totals\"><tr><th>method</th><th>scope</th><th>kWh</th><th>tCO2</th><th>days</th><th>estimated days</th><th>mean completeness</th></tr>");
        foreach (var g in r.Rows.GroupBy(x => (x.Model, x.Scope)).OrderBy(g => g.Key.Scope).ThenBy(g => WireName.Of(g.Key.Model)))
            h.Append("<tr><td>").Append(WireName.Of(g.Key.Model)).Append("</td><td>").Append(E(g.Key.Scope)).Append("</td><td class=n>").Append(N(g.Sum(x => x.Kwh)))
             .Append("</td><td class=n>").Append(N(g.Sum(x => x.Tco2), "0.0000")).Append("</td><td class=n>").Append(g.Count()).Append("</td><td class=n>")
             .Append(g.Count(x => x.Estimated)).Append("</td><td class=n>").Append(N(g.Average(x => x.Completeness) * 100, "0.0")).Append(" %</td></tr>");
        h.Append("<tr><th>account</th><th>grid + cems</th><td class=n>").Append(N(total.Sum(d => d.Kwh))).Append("</td><td class=n>").Append(N(total.Sum(d => d.Tco2), "0.0000"))
         .Append("</td><td class=n>").Append(total.Count).Append("</td><td colspan=2>").Append(N(total.Sum(d => d.Tce), "0.000")).Append(" tce</td></tr></table>");

        h.Append("<h2>Completeness and gap filling</h2><p>Days with results: ").Append(total.Count).Append(" of ").Append(r.Month.Days)
         .Append(". Estimated days: ").Append(E(string.Join(", ", r.Rows.Where(x => x.Estimated).Select(x => $"{x.Day:MM-dd}").Distinct()) is { Length: > 0 } est ? est : "none"))
         .Append(". Gap-fill method: ").Append(E(r.GapFill)).Append(" (the configured method; T/CES SaaS platform §6.1.1).</p>");

        h.Append("<h2>Daily</h2><table id=\"daily\"><tr><th>day</th><th>method</th><th>scope</th><th>kWh</th><th>tCO2</th><th>completeness</th><th>estimated</th><th>factor</th></tr>");
        foreach (var x in r.Rows.OrderBy(x => x.Day).ThenBy(x => x.Scope).ThenBy(x => WireName.Of(x.Model)))
            h.Append("<tr><td>").Append($"{x.Day:yyyy-MM-dd}").Append("</td><td>").Append(WireName.Of(x.Model)).Append("</td><td>").Append(E(x.Scope))
             .Append("</td><td class=n>").Append(N(x.Kwh)).Append("</td><td class=n>").Append(N(x.Tco2, "0.0000")).Append("</td><td class=n>")
             .Append(N(x.Completeness * 100, "0.0")).Append(" %</td><td>").Append(x.Estimated ? "yes" : "no").Append("</td><td>").Append(E(x.FactorVersion)).Append("</td></tr>");
        h.Append("</table>");

        h.Append("<h2>Factors</h2><table><tr><th>version</th><th>value</th><th>unit</th><th>region</th><th>source</th></tr>");
        foreach (var f in r.Factors)
            h.Append("<tr><td>").Append(E(f.VersionId)).Append("</td><td class=n>").Append(N(f.Value, "0.######")).Append("</td><td>").Append(E(f.Unit)).Append("</td><td>")
             .Append(E(f.Region)).Append("</td><td>").Append(E($"{f.Source.Document}; {f.Source.Clause}")).Append("</td></tr>");
        h.Append("</table>");

        h.Append("<h2>Events</h2>");
        if (r.Events.Count == 0) h.Append("<p>No meter replacement, rollover, reset or gap in the readings of this month.</p>");
        else
        {
            h.Append("<table><tr><th>day</th><th>event</th><th>subject</th><th>at</th><th>detail</th></tr>");
            foreach (var (day, e) in r.Events)
                h.Append("<tr><td>").Append($"{day:yyyy-MM-dd}").Append("</td><td>").Append(WireName.Of(e.Kind)).Append("</td><td>").Append(E(e.Subject)).Append("</td><td>")
                 .Append(e.At?.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", Ci) ?? "").Append("</td><td>").Append(E(e.Detail)).Append("</td></tr>");
            h.Append("</table>");
        }
        if (r.EventsNote is { } note) h.Append("<p class=\"note\">").Append(E(note)).Append(".</p>");

        var g2 = r.Grade;
        h.Append("<h2>Carbon-efficiency code</h2><table id=\"grade\"><tr><th>grade</th><td>")
         .Append(g2.Grade is { } grade ? $"{grade} ({E(g2.Level ?? "")})" : "not available: " + E(g2.Reason ?? "")).Append("</td></tr>")
         .Append("<tr><th>tCO2 per 10^4 CNY</th><td>").Append(O(g2.Enterprise.Tco2PerValueAdded)).Append(" (industry ").Append(O(g2.Industry.Tco2PerValueAdded))
         .Append(", ").Append(g2.IndustryEnterprises).Append(" enterprises); K = ").Append(O(g2.K)).Append("</td></tr>")
         .Append("<tr><th>tce per 10^4 CNY</th><td>").Append(O(g2.Enterprise.TcePerValueAdded)).Append("</td></tr><tr><th>tCO2 per tce</th><td>")
         .Append(O(g2.Enterprise.Tco2PerTce)).Append("</td></tr><tr><th>scheme</th><td>").Append(E($"{r.Scheme.Name}; bands of K {string.Join(" / ", r.Scheme.GradeUpperBounds.Select(b => b.ToString(Ci)))}; {r.Scheme.Source}"))
         .Append("</td></tr></table>");

        h.Append("<h2>Budget</h2>");
        if (r.Budgets.Count == 0) h.Append("<p>No budget is set for ").Append(r.Month.First.Year).Append(".</p>");
        else
        {
            h.Append("<table id=\"budget\"><tr><th>quantity</th><th>period</th><th>allocation</th><th>used</th><th>used %</th><th>forecast</th><th>allocated</th></tr>");
            foreach (var b in r.Budgets)
                foreach (var p in new[] { b.Month, b.Year })
                    h.Append("<tr><td>").Append(WireName.Of(b.Budget.Quantity)).Append("</td><td>").Append(p.Period.ToString()).Append(" to ").Append($"{p.Through:MM-dd}")
                     .Append("</td><td class=n>").Append(N(p.Allocation, "0.###")).Append("</td><td class=n>").Append(N(p.Used, "0.###")).Append("</td><td class=n>")
                     .Append(N(p.UsedPercent, "0.0")).Append(" %</td><td class=n>").Append(N(p.Forecast, "0.###")).Append("</td><td>").Append(WireName.Of(b.Budget.Allocation)).Append("</td></tr>");
            h.Append("</table>");
        }
        AppendFormulas(h);
        return h.Append("</body></html>").ToString();
    }

    private static void AppendFormulas(StringBuilder h)
    {
        h.Append("<h2>Formulas</h2><table><tr><th>what</th><th>formula</th><th>source</th></tr>");
        foreach (var (name, formula, source) in MonthlyReport.Formulas)
            h.Append("<tr><td>").Append(E(name)).Append("</td><td>").Append(E(formula)).Append("</td><td>").Append(E(source)).Append("</td></tr>");
        h.Append("</table>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(double value, string format = "0.00") => value.ToString(format, Ci);

    private static string O(double? value) => value is { } v ? N(v, "0.0000") : "n/a";
}
