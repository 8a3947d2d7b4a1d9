using System.Text;
using CarbonEdge.Cloud.Api;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CarbonEdge.Cloud.Account.Reports;

/// <summary>The formats a report is served in.</summary>
internal static class ReportFormats
{
    /// <summary>The format asked for by <c>?format=</c> (html, csv, pdf) or else by Accept; html by default; null for an unknown <c>format</c>.</summary>
    public static string? Choose(string? format, string? accept) => format?.ToLowerInvariant() switch
    {
        null or "" => accept switch
        {
            { } a when a.Contains("application/pdf", StringComparison.OrdinalIgnoreCase) => "pdf",
            { } a when a.Contains("text/csv", StringComparison.OrdinalIgnoreCase) => "csv",
            _ => "html",
        },
        "html" or "csv" or "pdf" => format.ToLowerInvariant(),
        _ => null,
    };
}

/// <summary><c>GET /api/v1/enterprises/{id}/reports/{yyyy-mm}</c>.</summary>
internal static class ReportEndpoint
{
    /// <summary>
    /// The monthly report as HTML (ready to print), CSV or PDF (headless Chromium), by <c>?format=</c> or Accept.
    /// 400 for a bad month or format, 404 for an unknown enterprise, 503 for PDF without a browser.
    /// </summary>
    internal static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound<ProblemDetailsDto>, ProblemHttpResult>> GetAsync(
        string id, string month, string? format, HttpRequest request, RegistryStore registry, MonthlyReportBuilder builder, AccountOptions options,
        CancellationToken cancellationToken)
    {
        if (registry.Enterprises().FirstOrDefault(e => e.Id == id) is not { } enterprise) return TypedResults.NotFound(ProblemDetailsDto.UnknownEnterprise(id));
        if (!Period.TryParse(month, out var period) || period.Kind != PeriodKind.Month)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["month"] = [$"'{month}' is not YYYY-MM"] });
        if (ReportFormats.Choose(format, request.Headers.Accept.ToString()) is not { } chosen)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [$"'{format}' is not html, csv or pdf"] });
        var report = await builder.BuildAsync(enterprise, period, cancellationToken);
        string name = $"report-{id}-{period}";
        switch (chosen)
        {
            case "csv":
                return TypedResults.File(Encoding.UTF8.GetBytes(ReportCsv.Render(report)), "text/csv; charset=utf-8", name + ".csv");
            case "pdf":
                if (ReportPdf.FindBrowser(options.Chromium) is not { } browser)
                    return TypedResults.Problem("No headless Chromium is installed for PDF reports: install chromium or set account.chromium; html and csv are available.", statusCode: 503);
                return TypedResults.File(await ReportPdf.PrintAsync(browser, ReportHtml.Render(report), cancellationToken), "application/pdf", name + ".pdf");
            default:
                return TypedResults.File(Encoding.UTF8.GetBytes(ReportHtml.Render(report)), "text/html; charset=utf-8");
        }
    }
}
