using System.Globalization;
using CarbonEdge.Cloud.Estimation.Offline;
using CarbonEdge.Estimation.Forecast;

namespace CarbonEdge.Cloud.Account;

/// <summary>
/// Reads a 15-minute load profile in the layout of the UCI "Steel Industry Energy Consumption" file the simulators
/// replay (columns <c>date</c> as <c>dd/MM/yyyy HH:mm</c>, the end of the interval, and <c>Usage_kWh</c>; other columns
/// ignored) into daily kWh totals. A day is the interval's start date; only days with all 96 intervals are kept.
/// </summary>
internal static class IntervalProfileCsv
{
    private static readonly string[] Header = ["date", "Usage_kWh"];

    /// <summary>Consecutive complete days, oldest first (a run of complete days broken by an incomplete one keeps the longest run).</summary>
    /// <exception cref="CsvFileException">Missing file or wrong header.</exception>
    public static List<DailyValue> ReadDaily(string path, List<CsvIssue> issues)
    {
        var totals = new SortedDictionary<DateOnly, (double Kwh, int Count)>();
        using (var table = CsvTable.Open(path, Header, issues))
        {
            while (table.Read())
            {
                if (table.RowBad || !table.TryNumber(1, out double kwh)) continue;
                if (!DateTime.TryParseExact(table.Text(0), "dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
                {
                    table.Reject(0, $"'{table.Text(0)}' is not a time dd/MM/yyyy HH:mm");
                    continue;
                }
                var day = DateOnly.FromDateTime(end.AddMinutes(-15));
                var (sum, count) = totals.GetValueOrDefault(day);
                totals[day] = (sum + kwh, count + 1);
            }
        }
        var runs = new List<List<DailyValue>>();
        foreach (var (day, (kwh, count)) in totals)
        {
            if (count != 96) continue;
            if (runs.Count == 0 || runs[^1][^1].Day.AddDays(1) != day) runs.Add([]);
            runs[^1].Add(new DailyValue(day, kwh));
        }
        return runs.OrderByDescending(r => r.Count).FirstOrDefault() ?? [];
    }
}
