using System.CommandLine;
using System.Globalization;
using CarbonEdge.Cloud.Estimation.Offline;
using CarbonEdge.Cloud.Regional;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Regional;
using CarbonEdge.Estimation.Regions;
using Spectre.Console;

namespace CarbonEdge.Cloud.Cli;

/// <summary>
/// <c>cedge-cloud estimate-region --statistics FILE --electricity FILE --level province|city|county --from YYYY-MM-DD
/// --to YYYY-MM-DD [--zone Z] [--tce-factor X] [--all-or-nothing] --out FILE</c> (an exact interface): the region models
/// of T/CES carbon statistics §5 on files (<see cref="RegionalAccounting"/>), the rows of the level asked written to
/// <c>--out</c> (<see cref="RegionalResultsCsv"/>), a table, the checks and the Table 1 indicators printed.
/// Exit 0 when results were written; 1 on an unreadable file, a rejected import (<c>--all-or-nothing</c>) or nothing
/// computable; 2 on a usage error.
/// </summary>
internal static class EstimateRegionCommand
{
    private const int MaxShown = 20;

    public static Command Create()
    {
        var statistics = new Option<FileInfo>("--statistics") { Description = "Statistics CSV, header region,period,domain,industry,energy_kind,quantity,unit", Required = true };
        var electricity = new Option<FileInfo>("--electricity") { Description = "Electricity CSV, header region,domain,industry,day,kwh", Required = true };
        var level = new Option<string>("--level") { Description = "Level of the rows written: province, city or county", Required = true };
        var from = new Option<string>("--from") { Description = "First local day, YYYY-MM-DD", Required = true };
        var to = new Option<string>("--to") { Description = "Last local day (inclusive), YYYY-MM-DD", Required = true };
        var zone = new Option<string>("--zone") { Description = "IANA time zone of the days (default Asia/Shanghai)", DefaultValueFactory = _ => "Asia/Shanghai" };
        var tceFactor = new Option<double?>("--tce-factor") { Description = "Standard-coal CO2 factor for this run, tCO2/tce (the library's 2.66 is not verified)" };
        var allOrNothing = new Option<bool>("--all-or-nothing") { Description = "Reject both files when any line is bad (default: skip bad lines, reported)" };
        var output = new Option<FileInfo>("--out") { Description = "Results CSV, header " + string.Join(',', RegionalResultsCsv.Header), Required = true };
        var command = new Command("estimate-region", "Regional carbon accounting (T/CES carbon statistics §5-§7) from statistics and electricity files")
        {
            statistics, electricity, level, from, to, zone, tceFactor, allOrNothing, output,
        };
        command.SetAction(result =>
        {
            var ci = CultureInfo.InvariantCulture;
            var levelText = result.GetValue(level);
            if (levelText is not ("province" or "city" or "county"))
            {
                return Usage($"--level {levelText}: one of province, city, county");
            }
            if (!DateOnly.TryParseExact(result.GetValue(from), "yyyy-MM-dd", ci, DateTimeStyles.None, out var first)
                || !DateOnly.TryParseExact(result.GetValue(to), "yyyy-MM-dd", ci, DateTimeStyles.None, out var last) || last < first)
            {
                return Usage($"--from {result.GetValue(from)} --to {result.GetValue(to)}: two days YYYY-MM-DD, --to not before --from");
            }
            try
            {
                TimeZoneInfo.FindSystemTimeZoneById(result.GetValue(zone)!);
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                return Usage($"--zone {result.GetValue(zone)}: unknown time zone (an IANA name such as Asia/Shanghai)");
            }
            if (result.GetValue(tceFactor) is { } t && !(t > 0 && double.IsFinite(t)))
            {
                return Usage($"--tce-factor {t}: a positive factor in tCO2/tce");
            }
            var statisticsFile = result.GetValue(statistics)!;
            var electricityFile = result.GetValue(electricity)!;
            foreach (var file in new[] { statisticsFile, electricityFile }.Where(f => !f.Exists))
            {
                return Usage($"{file.FullName} not found");
            }
            var request = new RegionalRequest(Enum.Parse<RegionLevel>(levelText, ignoreCase: true), first, last,
                result.GetValue(tceFactor) is { } f ? Factor.Override(FactorKind.StandardCoalCo2, "standard_coal", f, "tCO2/tce", "command line --tce-factor") : null);
            return Run(statisticsFile.FullName, electricityFile.FullName, request, result.GetValue(allOrNothing), result.GetValue(output)!.FullName);
        });
        return command;
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"error: {problem}");
        Console.Error.WriteLine("usage: cedge-cloud estimate-region --statistics FILE --electricity FILE --level province|city|county --from YYYY-MM-DD --to YYYY-MM-DD " +
                                "[--zone Z] [--tce-factor X] [--all-or-nothing] --out FILE");
        return 2;
    }

    private static int Run(string statisticsPath, string electricityPath, RegionalRequest request, bool allOrNothing, string outPath)
    {
        var factors = FactorLibrary.LoadEmbedded();
        RegionalImport import;
        try
        {
            import = RegionalCsv.Read((h, i) => CsvTable.Open(statisticsPath, h, i), (h, i) => CsvTable.Open(electricityPath, h, i), factors, allOrNothing);
        }
        catch (CsvFileException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
        foreach (var issue in import.Issues.Take(MaxShown))
        {
            Console.Error.WriteLine(import.Imported ? $"warning: {issue}" : $"error: {issue.ToString().Replace("; row skipped", "", StringComparison.Ordinal)}");
        }
        if (import.Issues.Count > MaxShown)
        {
            Console.Error.WriteLine($"... and {import.Issues.Count - MaxShown} more bad lines");
        }
        if (!import.Imported)
        {
            Console.Error.WriteLine($"error: --all-or-nothing: {import.Issues.Count} bad line(s), nothing imported; fix them or run without --all-or-nothing to skip them");
            return 1;
        }
        var run = RegionalAccounting.Run(import.Statistics, import.Electricity, request, factors);
        foreach (var missing in run.Missing.Take(MaxShown))
        {
            Console.Error.WriteLine($"missing: {missing}");
        }
        if (run.Missing.Count > MaxShown)
        {
            Console.Error.WriteLine($"missing: ... and {run.Missing.Count - MaxShown} more");
        }
        var rows = run.AtLevel(request.Level).ToList();
        if (rows.Count == 0)
        {
            Console.Error.WriteLine($"error: no {request.Level.ToString().ToLowerInvariant()} result could be computed from the inputs (see the missing inputs above); nothing written");
            return 1;
        }
        try
        {
            var temp = outPath + ".tmp";
            using (var stream = File.Create(temp))
            {
                RegionalResultsCsv.Write(stream, rows);
            }
            File.Move(temp, outPath, overwrite: true);
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"error: cannot write {outPath}: {ex.Message}");
            return 1;
        }
        Print(run, rows, import, outPath);
        return 0;
    }

    private static void Print(RegionalRunResult run, List<RegionalResult> rows, RegionalImport import, string outPath)
    {
        var ci = CultureInfo.InvariantCulture;
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
        var table = new Table().AddColumns("region", "domain", "industry", "period", "tCO2", "tce", "kWh", "method", "completeness", "consistent");
        foreach (var r in rows.Where(r => r.Period.Kind is PeriodKind.Year or PeriodKind.Quarter).Take(3 * MaxShown))
        {
            table.AddRow(r.Key.Region.Value, WireName.Of(r.Key.Domain), r.Key.Industry, r.Period.ToString(), r.Tco2.ToString("F3", ci), r.Tce.ToString("F3", ci),
                r.Kwh?.ToString("F0", ci) ?? "-", r.Method, r.Completeness.ToString("P1", ci), r.Consistent ? "yes" : "no");
        }
        AnsiConsole.Write(table);
        var checks = new Table().AddColumns("check", "count", "passed", "failed");
        foreach (var kind in run.Checks.GroupBy(c => c.Kind))
        {
            checks.AddRow(kind.Key, kind.Count().ToString(ci), kind.Count(c => c.Passed).ToString(ci), kind.Count(c => !c.Passed).ToString(ci));
        }
        AnsiConsole.Write(checks);
        foreach (var failed in run.Checks.Where(c => !c.Passed && c.Key.Region.Level == rows[0].Level).Take(MaxShown))
        {
            Console.WriteLine($"check failed: {failed.Kind} {failed.Key} {failed.Period}: {failed.Value:G9} vs {failed.Reference:G9} ({failed.Difference:P2}), completeness {failed.Completeness:P1}");
        }
        var indicators = new Table().AddColumns("Table 1 indicator", "value", "count", "target", "met");
        var accepted = import.Statistics.Count + import.Electricity.Count;
        foreach (var i in RegionalIndicators.Of(run, import.Rows, accepted))
        {
            indicators.AddRow(i.Name, i.Value?.ToString("P2", ci) ?? "-", $"{i.Numerator}/{i.Denominator}", $"{(i.AtLeast ? ">=" : "<=")} {i.Target.ToString("P0", ci)}", i.Met ? "yes" : "no");
        }
        AnsiConsole.Write(indicators);
        foreach (var interpolation in run.Interpolations.Take(MaxShown))
        {
            Console.WriteLine($"interpolated (linear, §7.2.3): {interpolation.Key} {interpolation.Days.Count} day(s) from {interpolation.Days[0]:yyyy-MM-dd}; " +
                              $"stated error {(interpolation.ErrorEstimate is { } e ? e.ToString("P2", ci) : "unknown (too few measured days)")}");
        }
        foreach (var anomaly in run.Anomalies.Where(a => a.Key.Region.Level == rows[0].Level).Take(MaxShown))
        {
            Console.WriteLine($"anomaly (§7.3.3): {anomaly.Key} {anomaly.Day:yyyy-MM-dd}: {anomaly.Tco2:G9} tCO2, window median {anomaly.Median:G9}, modified z {anomaly.Score:F1}");
        }
        var library = FactorLibrary.LoadEmbedded().All;
        foreach (var version in rows.SelectMany(r => r.FactorVersions).Distinct().Order(StringComparer.Ordinal))
        {
            var factor = library.FirstOrDefault(f => f.VersionId == version);
            Console.WriteLine(factor is null ? $"factor {version}" : $"factor {version}: {factor.Value.ToString(ci)} {factor.Unit}, {WireName.Of(factor.Status)}, {factor.Source.Document}");
        }
        Console.WriteLine($"wrote {outPath} (years and quarters above; months and days in the file): {rows.Count} rows ({rows.Count(r => !r.Consistent)} not consistent); {import.Rows} input lines, {import.Issues.Count} rejected; {run.Missing.Count} missing inputs");
    }
}
