using System.Globalization;
using System.Text.Json;

namespace CarbonEdge.Simulators.Cems;

/// <summary>
/// The simulator's own integral of CO2 mass: each minute record adds its state's mass rate (DESIGN formula 5 on the
/// values it reports) times one minute to the local day it starts in. Written as JSON for end-to-end checks:
/// <c>{"mn":..,"minuteRecords":N,"totalKgCo2":x,"days":{"2026-12-04":{"kgCo2":x,"minutes":N}}}</c>.
/// </summary>
internal sealed class Co2Ledger(string mn, string? path)
{
    private readonly SortedDictionary<DateOnly, (double Kg, int Minutes)> _days = [];
    private readonly Dictionary<DateTime, double> _minutes = [];

    /// <summary>Minute records counted.</summary>
    public int MinuteRecords { get; private set; }

    /// <summary>kg CO2 of all minute records.</summary>
    public double TotalKg => _days.Values.Sum(d => d.Kg);

    /// <summary>kg CO2 of local day <paramref name="day"/>.</summary>
    public double DayKg(DateOnly day) => _days.TryGetValue(day, out var d) ? d.Kg : 0;

    /// <summary>kg CO2 of the minute starting at <paramref name="minuteStart"/> (true local time), if recorded.</summary>
    public double? MinuteKg(DateTime minuteStart)
    {
        lock (_minutes) return _minutes.TryGetValue(minuteStart, out double kg) ? kg : null;
    }

    /// <summary>Counts the minute starting at <paramref name="minuteStart"/> (true local time).</summary>
    public void Add(DateTime minuteStart, StackState state)
    {
        var day = DateOnly.FromDateTime(minuteStart);
        var (kg, minutes) = _days.GetValueOrDefault(day);
        _days[day] = (kg + state.Co2KgPerHour / 60, minutes + 1);
        lock (_minutes) _minutes[minuteStart] = state.Co2KgPerHour / 60;
        MinuteRecords++;
        if (path is null) return;
        var report = new Dictionary<string, object>
        {
            ["mn"] = mn,
            ["minuteRecords"] = MinuteRecords,
            ["totalKgCo2"] = TotalKg,
            ["days"] = _days.ToDictionary(d => d.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d => new Dictionary<string, object> { ["kgCo2"] = d.Value.Kg, ["minutes"] = d.Value.Minutes }),
        };
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(report));
        File.Move(temporary, path, overwrite: true);
    }
}
