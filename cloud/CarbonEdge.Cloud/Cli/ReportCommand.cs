using System.CommandLine;
using CarbonEdge.Cloud.Account;
using CarbonEdge.Cloud.Account.Reports;
using CarbonEdge.Cloud.Hosting;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using Microsoft.Extensions.Options;

namespace CarbonEdge.Cloud.Cli;

/// <summary>
/// <c>cedge-cloud report --enterprise ID --month YYYY-MM --out DIR [--config FILE]</c>: writes the enterprise's monthly
/// report as <c>report-ID-YYYY-MM.html</c>, <c>.csv</c> and, where headless Chromium is installed, <c>.pdf</c>.
/// The config is <c>--config</c>, else <c>$CEDGE_CLOUD_CONFIG</c>, else <c>./cedge-cloud.json</c>.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var enterprise = new Option<string>("--enterprise") { Description = "Enterprise id", Required = true };
        var month = new Option<string>("--month") { Description = "Month, YYYY-MM", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the report files to (created)", Required = true };
        var config = new Option<FileInfo>("--config") { Description = "Cloud config file (default $CEDGE_CLOUD_CONFIG, then ./cedge-cloud.json)" };
        var command = new Command("report", "Write an enterprise's monthly emissions report (HTML ready to print, CSV, and PDF through headless Chromium)") { enterprise, month, output, config };
        command.SetAction(async (result, cancellationToken) =>
        {
            string id = result.GetValue(enterprise)!;
            if (!Period.TryParse(result.GetValue(month), out var period) || period.Kind != PeriodKind.Month)
            {
                Console.Error.WriteLine($"error: --month '{result.GetValue(month)}' is not YYYY-MM (e.g. --month 2026-11)");
                return 2;
            }
            if (CliConfig.Resolve(result, config) is not { } configFile) return 2;
            return await WriteAsync(configFile, id, period, result.GetValue(output)!, cancellationToken);
        });
        return command;
    }

    private static async Task<int> WriteAsync(string configFile, string id, Period month, DirectoryInfo output, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddJsonFile(configFile, optional: false);
        builder.Services.AddLogging();
        builder.Services.AddCloudCore(configFile);
        builder.Services.AddAccountCore();
        using var host = builder.Build();
        try
        {
            var registry = host.Services.GetRequiredService<RegistryStore>();
            if (registry.Enterprises().FirstOrDefault(e => e.Id == id) is not { } enterprise)
            {
                Console.Error.WriteLine($"error: no enterprise '{id}' in the registry (known: {string.Join(", ", registry.Enterprises().Select(e => e.Id).Take(10))})");
                return 1;
            }
            var report = await host.Services.GetRequiredService<MonthlyReportBuilder>().BuildAsync(enterprise, month, cancellationToken);
            output.Create();
            string stem = Path.Combine(output.FullName, $"report-{id}-{month}");
            string html = ReportHtml.Render(report);
            await File.WriteAllTextAsync(stem + ".html", html, cancellationToken);
            await File.WriteAllTextAsync(stem + ".csv", ReportCsv.Render(report), cancellationToken);
            Console.WriteLine($"{stem}.html");
            Console.WriteLine($"{stem}.csv");
            if (!report.HasData) Console.Error.WriteLine($"note: {report.NoDataText}");
            var options = host.Services.GetRequiredService<AccountOptions>();
            if (ReportPdf.FindBrowser(options.Chromium) is { } browser)
            {
                await File.WriteAllBytesAsync(stem + ".pdf", await ReportPdf.PrintAsync(browser, html, cancellationToken), cancellationToken);
                Console.WriteLine($"{stem}.pdf");
            }
            else Console.Error.WriteLine("note: no headless Chromium found (install chromium or set account.chromium): no PDF written");
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            Console.Error.WriteLine($"error: {Path.GetFileName(configFile)}: {string.Join("; ", ex.Failures)}");
            return 2;
        }
        catch (InfluxQueryException ex)
        {
            Console.Error.WriteLine($"error: InfluxDB could not be read ({ex.Message}); is it running at the config's influx.url?");
            return 1;
        }
    }
}
