using System.CommandLine;
using System.Globalization;
using CarbonEdge.Cloud.Estimation.Offline;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Models;
using Spectre.Console;

namespace CarbonEdge.Cloud.Cli;

/// <summary>
/// The offline form of <c>cedge-cloud estimate</c>, the same estimation on files (an exact interface others script against):
/// <c>--readings FILE.csv --meters FILE.csv --from YYYY-MM-DD --to YYYY-MM-DD [--zone Asia/Shanghai]
/// [--grid-factor TCO2_PER_MWH] [--grid-calibre NAME] [--reports FILE.csv] [--tce-factor TCO2_PER_TCE] [--rollup] --out FILE.csv</c>.
/// Offline mode is chosen by giving <c>--readings</c>.
/// </summary>
internal sealed class EstimateOffline
{
    private const int MaxIssuesShown = 20, MaxEnterprisesShown = 20;

    private readonly Option<FileInfo> _readings = new("--readings") { Description = "Offline: readings CSV, header device,point,ts,value,quality (ts RFC 3339; quality good|uncertain|bad)" };
    private readonly Option<FileInfo> _meters = new("--meters") { Description = "Offline: meters CSV, header device,enterprise,region,industry,multiplier,rollover,interval_s" };
    private readonly Option<string> _from = new("--from") { Description = "Offline: first local day, YYYY-MM-DD" };
    private readonly Option<string> _to = new("--to") { Description = "Offline: last local day (inclusive), YYYY-MM-DD" };
    private readonly Option<string> _zone = new("--zone") { Description = "Offline: IANA time zone of the days (default Asia/Shanghai)", DefaultValueFactory = _ => "Asia/Shanghai" };
    private readonly Option<double?> _gridFactor = new("--grid-factor") { Description = "Offline: grid emission factor for this run, tCO2/MWh (default: the library's ETS reporting factor)" };
    private readonly Option<string> _gridCalibre = new("--grid-calibre") { Description = "Offline: grid factor series, as the service's estimation:gridCalibre (ets_reporting, statistical_average, ...)", DefaultValueFactory = _ => GridCalibre.EtsReporting };
    private readonly Option<FileInfo> _reports = new("--reports") { Description = "Offline: monthly energy reports CSV for energy_ratio, header enterprise,month,energy_kind,quantity,unit" };
    private readonly Option<double?> _tceFactor = new("--tce-factor") { Description = "Offline: standard-coal CO2 factor for this run, tCO2/tce (the library's 2.66 is not verified)" };
    private readonly Option<bool> _rollup = new("--rollup") { Description = "Offline: add month/quarter/year, industry and region roll-up rows with a consistency column" };
    private readonly Option<FileInfo> _out = new("--out") { Description = "Offline: results CSV, header enterprise,day,method,kwh,tco2,completeness,estimated[,consistent]" };

    /// <summary>Adds the offline options to <paramref name="command"/>.</summary>
    public EstimateOffline(Command command)
    {
        foreach (var option in (Option[])[_readings, _meters, _from, _to, _zone, _gridFactor, _gridCalibre, _reports, _tceFactor, _rollup, _out])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>True when the command line asks for the offline form (<c>--readings</c> given).</summary>
    public bool Requested(ParseResult result) => result.GetValue(_readings) is not null;

    /// <summary>Runs the offline estimate: 0 done (bad rows reported and skipped), 1 an input file unusable, 2 a usage error.</summary>
    public int Run(ParseResult result)
    {
        if (!TryRequest(result, out var request, out var paths, out var usage))
        {
            Console.Error.WriteLine($"error: {usage}");
            Console.Error.WriteLine("usage: cedge-cloud estimate --readings FILE.csv --meters FILE.csv --from YYYY-MM-DD --to YYYY-MM-DD " +
                                    "[--zone Asia/Shanghai] [--grid-factor TCO2_PER_MWH] [--grid-calibre NAME] [--reports FILE.csv] [--tce-factor TCO2_PER_TCE] [--rollup] --out FILE.csv");
            return 2;
        }
        var issues = new List<CsvIssue>();
        try
        {
            var factors = FactorLibrary.LoadEmbedded();
            var meters = MetersCsv.Read(paths.Meters, issues);
            var readings = ReadingsCsv.Read(paths.Readings, issues);
            var reports = paths.Reports is null ? [] : ReportsCsv.Read(paths.Reports, factors, issues);
            var run = OfflineEstimation.Run(factors, meters, readings, reports, request);
            var temp = paths.Out + ".tmp";
            using (var output = File.Create(temp))
            {
                ResultsCsv.Write(output, run.Days, run.Rollups);
            }
            File.Move(temp, paths.Out, overwrite: true);
            Report(request, meters, readings, issues, run, paths.Out);
            return 0;
        }
        catch (CsvFileException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"error: cannot write {paths.Out}: {ex.Message}");
            return 1;
        }
    }

    private bool TryRequest(ParseResult result, out OfflineRequest request, out (string Readings, string Meters, string? Reports, string Out) paths, out string usage)
    {
        request = null!;
        paths = default;
        var ci = CultureInfo.InvariantCulture;
        var missing = new (Option Option, bool Missing)[] { (_meters, result.GetValue(_meters) is null), (_from, result.GetValue(_from) is null),
            (_to, result.GetValue(_to) is null), (_out, result.GetValue(_out) is null) }.Where(m => m.Missing).Select(m => m.Option.Name).ToList();
        if (missing.Count > 0)
        {
            usage = $"{string.Join(", ", missing)} required with --readings";
            return false;
        }
        if (!DateOnly.TryParseExact(result.GetValue(_from), "yyyy-MM-dd", ci, DateTimeStyles.None, out var from)
            || !DateOnly.TryParseExact(result.GetValue(_to), "yyyy-MM-dd", ci, DateTimeStyles.None, out var to) || to < from)
        {
            usage = $"--from {result.GetValue(_from)} --to {result.GetValue(_to)}: two days YYYY-MM-DD, --to not before --from";
            return false;
        }
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(result.GetValue(_zone)!);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            usage = $"--zone {result.GetValue(_zone)}: unknown time zone (an IANA name such as Asia/Shanghai)";
            return false;
        }
        foreach (var (option, value, unit) in new[] { (_gridFactor, result.GetValue(_gridFactor), "tCO2/MWh"), (_tceFactor, result.GetValue(_tceFactor), "tCO2/tce") })
        {
            if (value is { } v && !(v > 0 && double.IsFinite(v)))
            {
                usage = $"{option.Name} {v}: a positive factor in {unit}";
                return false;
            }
        }
        foreach (var file in new[] { result.GetValue(_readings)!, result.GetValue(_meters)!, result.GetValue(_reports) }.OfType<FileInfo>())
        {
            if (!file.Exists)
            {
                usage = $"{file.FullName} not found";
                return false;
            }
        }
        request = new OfflineRequest(from, to, zone, result.GetValue(_gridFactor), result.GetValue(_tceFactor), result.GetValue(_rollup), result.GetValue(_gridCalibre)!);
        paths = (result.GetValue(_readings)!.FullName, result.GetValue(_meters)!.FullName, result.GetValue(_reports)?.FullName, result.GetValue(_out)!.FullName);
        usage = "";
        return true;
    }

    /// <summary>Prints what was read, skipped and estimated, for a person.</summary>
    private static void Report(OfflineRequest request, List<MeterEntry> meters, ReadingsFile readings, List<CsvIssue> issues, OfflineResult run, string outPath)
    {
        var ci = CultureInfo.InvariantCulture;
        foreach (var issue in issues.Take(MaxIssuesShown))
        {
            Console.Error.WriteLine($"warning: {issue}");
        }
        if (issues.Count > MaxIssuesShown)
        {
            Console.Error.WriteLine($"warning: ... and {issues.Count - MaxIssuesShown} more bad rows");
        }
        foreach (var notice in run.Notices)
        {
            Console.Error.WriteLine($"warning: {notice}");
        }

        var models = run.Days.Select(d => d.Model).Distinct().Order().ToList();
        var table = new Table().AddColumns(["enterprise", "days", "kWh", .. models.Select(m => $"{WireName.Of(m)} tCO2"), "completeness", "estimated days"]);
        foreach (var byEnterprise in run.Days.GroupBy(d => d.Enterprise.Id).Take(MaxEnterprisesShown))
        {
            var days = byEnterprise.DistinctBy(d => d.Day).ToList();
            table.AddRow([Markup.Escape(byEnterprise.Key), days.Count.ToString(ci), days.Sum(d => d.Kwh).ToString("F3", ci),
                .. models.Select(m => byEnterprise.Any(d => d.Model == m) ? byEnterprise.Where(d => d.Model == m).Sum(d => d.Tco2).ToString("F6", ci) : "-"),
                days.Average(d => d.Completeness).ToString("P1", ci), days.Count(d => d.Estimated).ToString(ci)]);
        }
        AnsiConsole.Write(table);
        var enterprises = run.Days.Select(d => d.Enterprise.Id).Distinct().Count();
        if (enterprises > MaxEnterprisesShown)
        {
            Console.WriteLine($"... and {enterprises - MaxEnterprisesShown} more enterprises (all in {outPath})");
        }
        Console.WriteLine($"days {request.From:yyyy-MM-dd}..{request.To:yyyy-MM-dd} ({request.Zone.Id}); {meters.Count} devices of {meters.Select(m => m.Enterprise.Id).Distinct().Count()} enterprises; " +
                          $"{readings.Rows} reading rows ({readings.Ignored} of points not used); {issues.Count} bad rows skipped");
        foreach (var factor in run.FactorsUsed)
        {
            Console.WriteLine($"factor {factor.VersionId}: {factor.Value.ToString(ci)} {factor.Unit}, {WireName.Of(factor.Status)}, {factor.Source.Document}");
        }
        foreach (var (kind, count) in run.Days.SelectMany(d => d.Events).Distinct().GroupBy(e => e.Kind).Select(g => (g.Key, g.Count())))
        {
            Console.WriteLine($"events: {count} {WireName.Of(kind)}");
        }
        foreach (var caveat in run.Days.SelectMany(d => d.Events).Where(e => e.Kind == EstimationEventKind.FactorCaveat).Select(e => e.Detail).Distinct())
        {
            Console.WriteLine($"caveat: {caveat}");
        }
        Console.WriteLine($"wrote {outPath}: {run.Days.Count} daily rows{(run.Rollups is { } r ? $", {r.Count} roll-up rows ({r.Count(x => !x.Consistent)} inconsistent)" : "")}");
    }
}
