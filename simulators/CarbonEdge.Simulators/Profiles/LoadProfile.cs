using System.Globalization;
using CsvHelper;

namespace CarbonEdge.Simulators.Profiles;

/// <summary>
/// A year of 15-minute interval load data: per day, 96 intervals of active energy (kWh) and lagging reactive
/// energy (kvarh). Loaded from the UCI "Steel Industry Energy Consumption" CSV (see data/load-profiles/README.md):
/// rows in time order, 96 per day, the interval ending at midnight written with the date of the day it ends.
/// </summary>
internal sealed class LoadProfile
{
    /// <summary>Length of one interval.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    /// <summary>Intervals per day.</summary>
    public const int IntervalsPerDay = 96;

    private readonly double[] _kwh;
    private readonly double[] _kvarh;
    private readonly double[] _cumulativeKwh;   // kWh before interval n of the whole profile, length n + 1
    private readonly double[] _cumulativeKvarh;

    private LoadProfile(double[] kwh, double[] kvarh)
    {
        _kwh = kwh;
        _kvarh = kvarh;
        Days = kwh.Length / IntervalsPerDay;
        _cumulativeKwh = Cumulative(kwh);
        _cumulativeKvarh = Cumulative(kvarh);
    }

    /// <summary>Whole days in the profile (365 for the steel data).</summary>
    public int Days { get; }

    /// <summary>Active energy of the whole profile, kWh.</summary>
    public double TotalKwh => _cumulativeKwh[^1];

    /// <summary>Reactive energy of the whole profile, kvarh.</summary>
    public double TotalKvarh => _cumulativeKvarh[^1];

    /// <summary>Active energy of interval <paramref name="interval"/> (0-95) of profile day <paramref name="day"/>, kWh.</summary>
    public double IntervalKwh(int day, int interval) => _kwh[day * IntervalsPerDay + interval];

    /// <summary>Lagging reactive energy of an interval, kvarh.</summary>
    public double IntervalKvarh(int day, int interval) => _kvarh[day * IntervalsPerDay + interval];

    /// <summary>Active energy of profile day <paramref name="day"/>, kWh.</summary>
    public double DayKwh(int day) => KwhBefore(day + 1, 0) - KwhBefore(day, 0);

    /// <summary>Active energy from the start of the profile to the start of interval <paramref name="interval"/> of
    /// <paramref name="day"/>; interval may be 96 (the start of the next day), kWh.</summary>
    public double KwhBefore(int day, int interval) => _cumulativeKwh[day * IntervalsPerDay + interval];

    /// <summary>Reactive energy from the start of the profile to the start of an interval, kvarh.</summary>
    public double KvarhBefore(int day, int interval) => _cumulativeKvarh[day * IntervalsPerDay + interval];

    /// <summary>Reads the steel-industry CSV (columns <c>Usage_kWh</c> and <c>Lagging_Current_Reactive_Power_kVarh</c>).</summary>
    /// <exception cref="InvalidDataException">A row is not numeric, or the row count is not a whole number of days.</exception>
    public static LoadProfile Load(string path)
    {
        using var csv = CsvReader.FromFile(path, new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true });
        csv.ReadHeader();
        int energyColumn = csv.GetFieldIndex("Usage_kWh");
        int reactiveColumn = csv.GetFieldIndex("Lagging_Current_Reactive_Power_kVarh");
        var kwh = new List<double>(35040);
        var kvarh = new List<double>(35040);
        while (csv.Read())
        {
            if (!double.TryParse(csv.GetString(energyColumn), NumberStyles.Float, CultureInfo.InvariantCulture, out double energy)
                || !double.TryParse(csv.GetString(reactiveColumn), NumberStyles.Float, CultureInfo.InvariantCulture, out double reactive)
                || energy < 0 || reactive < 0)
            {
                throw new InvalidDataException($"{path}, line {csv.LineNumber}: Usage_kWh and Lagging_Current_Reactive_Power_kVarh must be non-negative numbers.");
            }
            kwh.Add(energy);
            kvarh.Add(reactive);
        }
        if (kwh.Count == 0 || kwh.Count % IntervalsPerDay != 0)
            throw new InvalidDataException($"{path}: {kwh.Count} intervals is not a whole number of days of {IntervalsPerDay}.");
        return new LoadProfile([.. kwh], [.. kvarh]);
    }

    /// <summary>The steel-industry profile shipped next to the executable.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "data", "load-profiles", "steel-industry-15min.csv");

    private static double[] Cumulative(double[] values)
    {
        var sums = new double[values.Length + 1];
        for (int i = 0; i < values.Length; i++) sums[i + 1] = sums[i] + values[i];
        return sums;
    }
}
