namespace CarbonEdge.Estimation.Electricity;

/// <summary>
/// Mean consumption of one meter by local time of day over a set of similar days (e.g. the same weekday of the
/// previous four weeks), in register units per second, one slot per nominal interval. It is what
/// <see cref="GapFillMethod.SimilarDays"/> fills from: "the same interval on similar days".
/// </summary>
public sealed class LoadProfile
{
    private readonly double[] _rate;
    private readonly long _slotTicks;
    private readonly TimeZoneInfo _zone;

    private LoadProfile(double[] rate, long slotTicks, TimeZoneInfo zone)
    {
        _rate = rate;
        _slotTicks = slotTicks;
        _zone = zone;
    }

    /// <summary>Number of days that contributed measured increments.</summary>
    public int Days { get; private init; }

    /// <summary>Builds the profile from the meter's readings on the given days (readings in any order, days in <paramref name="zone"/>).</summary>
    /// <remarks>Each measured increment is spread over the slots it covers in proportion to time; a slot no day covers takes the mean rate of all slots.</remarks>
    public static LoadProfile FromDays(MeterConfig meter, IReadOnlyList<RegisterReading> readings, IEnumerable<DateOnly> days,
        TimeZoneInfo zone, ElectricityOptions? options = null)
    {
        meter.Validate();
        var slotTicks = TimeSpan.TicksPerSecond * meter.IntervalSeconds;
        var slots = (int)((TimeSpan.TicksPerDay + slotTicks - 1) / slotTicks);
        var energy = new double[slots];
        var covered = new double[slots];
        var series = RegisterSeries.Clean(meter, readings, (options ?? ElectricityOptions.Default).RolloverBand);
        var points = series.Points;
        var used = 0;
        foreach (var day in days.Distinct())
        {
            var (start, end) = LocalDay.UtcBounds(day, zone);
            long s = start.UtcTicks, e = end.UtcTicks;
            var any = false;
            for (var j = 1; j < points.Count; j++)
            {
                long a = points[j - 1].Ticks, b = points[j].Ticks;
                if (double.IsNaN(points[j].Increment) || b <= s || a >= e)
                {
                    continue;
                }
                var rate = points[j].Increment / (b - a);
                ForEachSlot(Math.Max(a, s), Math.Min(b, e), slotTicks, slots, zone, (slot, ticks) =>
                {
                    energy[slot] += rate * ticks;
                    covered[slot] += ticks;
                });
                any = true;
            }
            used += any ? 1 : 0;
        }
        double totalEnergy = energy.Sum(), totalCovered = covered.Sum();
        var mean = totalCovered > 0 ? totalEnergy / totalCovered : 0;
        for (var i = 0; i < slots; i++)
        {
            energy[i] = covered[i] > 0 ? energy[i] / covered[i] : mean;
        }
        return new LoadProfile(energy, slotTicks, zone) { Days = used };
    }

    /// <summary>Profile energy between two UTC instants (ticks), register units.</summary>
    internal double EnergyBetween(long from, long to)
    {
        double energy = 0;
        ForEachSlot(from, to, _slotTicks, _rate.Length, _zone, (slot, ticks) => energy += _rate[slot] * ticks);
        return energy;
    }

    /// <summary>The profile's share of [a, b] that falls in [from, to]; null when the profile has no energy in [a, b].</summary>
    internal double? Share(long a, long b, long from, long to)
    {
        var whole = EnergyBetween(a, b);
        return whole > 0 ? EnergyBetween(from, to) / whole : null;
    }

    /// <summary>Walks [from, to) in pieces that stay inside one local time-of-day slot.</summary>
    private static void ForEachSlot(long from, long to, long slotTicks, int slots, TimeZoneInfo zone, Action<int, long> visit)
    {
        var t = from;
        while (t < to)
        {
            var utc = new DateTimeOffset(t, TimeSpan.Zero);
            var timeOfDay = (utc + zone.GetUtcOffset(utc)).TimeOfDay.Ticks;
            var slot = (int)Math.Min(timeOfDay / slotTicks, slots - 1);
            var slotEnd = Math.Min((slot + 1) * slotTicks, TimeSpan.TicksPerDay);
            var next = Math.Min(to, t + Math.Max(1, slotEnd - timeOfDay));
            visit(slot, next - t);
            t = next;
        }
    }
}
