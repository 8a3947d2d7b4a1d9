using System.CommandLine;
using System.Globalization;
using CarbonEdge.Cloud.Account;
using CarbonEdge.Cloud.Estimation.Offline;
using CarbonEdge.Estimation.Forecast;
using Spectre.Console;

namespace CarbonEdge.Cloud.Cli;

/// <summary>
/// <c>cedge-cloud forecast-backtest [--profile FILE] [--from YYYY-MM-DD] [--to YYYY-MM-DD]</c>: the rolling-origin
/// backtest of the account's daily forecast against weekly seasonal-naive on a 15-minute load profile (by default the
/// steel-plant year the simulators replay), printing both MAPEs and the margin.
/// </summary>
internal static class ForecastBacktestCommand
{
    /// <summary>Where the steel-plant year lies in a checkout.</summary>
    public const string DefaultProfile = "simulators/CarbonEdge.Simulators/data/load-profiles/steel-industry-15min.csv";

    public static Command Create()
    {
        var profile = new Option<FileInfo>("--profile") { Description = $"15-minute load profile CSV (date,Usage_kWh,...); default {DefaultProfile} under the current folder" };
        var from = new Option<string>("--from") { Description = "First day of the series, YYYY-MM-DD (default: the file's first complete day)" };
        var to = new Option<string>("--to") { Description = "Last day of the series, YYYY-MM-DD (default: the file's last complete day)" };
        var command = new Command("forecast-backtest", "Rolling-origin backtest of the daily forecast to month end against seasonal-naive; prints daily and month-end MAPE") { profile, from, to };
        command.SetAction(result =>
        {
            string path = result.GetValue(profile)?.FullName ?? Path.GetFullPath(DefaultProfile);
            if (!TryDay(result.GetValue(from), "--from", out var first) || !TryDay(result.GetValue(to), "--to", out var last)) return 2;
            var issues = new List<CsvIssue>();
            List<DailyValue> series;
            try
            {
                series = IntervalProfileCsv.ReadDaily(path, issues);
            }
            catch (CsvFileException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message} (pass --profile FILE; the steel-plant year is {DefaultProfile})");
                return 2;
            }
            foreach (var issue in issues) Console.Error.WriteLine($"warning: {issue}");
            series = [.. series.Where(d => (first is null || d.Day >= first) && (last is null || d.Day <= last))];
            var method = new WeekdayMedianForecaster();
            if (series.Count <= method.MinHistoryDays)
            {
                Console.Error.WriteLine($"error: {series.Count} complete days; the backtest needs more than {method.MinHistoryDays}");
                return 1;
            }
            var scores = RollingOriginBacktest.Run(series, method, new SeasonalNaiveForecaster());
            Print(series, scores);
            return 0;
        });
        return command;
    }

    private static void Print(List<DailyValue> series, IReadOnlyList<BacktestScore> scores)
    {
        var ci = CultureInfo.InvariantCulture;
        Console.WriteLine($"series: {series.Count} days {series[0].Day:yyyy-MM-dd} .. {series[^1].Day:yyyy-MM-dd}, kWh per day; every day an origin, forecast to the month's end");
        var table = new Table().AddColumns("method", "origins", "days scored", "daily MAPE %", "month-end MAPE %");
        foreach (var s in scores)
            table.AddRow(s.Method, s.Origins.ToString(ci), s.DailyPoints.ToString(ci), s.DailyMape.ToString("0.00", ci), s.MonthEndMape.ToString("0.00", ci));
        AnsiConsole.Write(table);
        var (m, n) = (scores[0], scores[1]);
        Console.WriteLine(string.Create(ci, $"margin over {n.Method}: daily {n.DailyMape - m.DailyMape:0.00} points, month-end {n.MonthEndMape - m.MonthEndMape:0.00} points"));
    }

    private static bool TryDay(string? text, string option, out DateOnly? day)
    {
        day = null;
        if (text is null) return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            day = d;
            return true;
        }
        Console.Error.WriteLine($"error: {option} '{text}' is not a day YYYY-MM-DD");
        return false;
    }
}
