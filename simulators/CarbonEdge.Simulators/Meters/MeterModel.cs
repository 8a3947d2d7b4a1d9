using CarbonEdge.Simulators.Profiles;

namespace CarbonEdge.Simulators.Meters;

/// <summary>
/// A three-phase meter replaying a <see cref="LoadProfile"/>, as a pure function of time, so that a live meter and a
/// history backfill of the same meter agree to the last digit.
/// <list type="bullet">
/// <item>Day n after the epoch (2025-01-01 00:00 local standard time; DST is ignored so the register never jumps) plays
/// profile day (n + DayOffset) mod Days; interval k of the local day plays interval k of that profile day.</item>
/// <item>Active power is constant within an interval: P = Scale x Usage_kWh / 0.25 h. The energy register is the
/// integral of P: it grows by exactly Scale x Usage_kWh over each interval, linearly within it.</item>
/// <item>Reactive power and energy likewise from the lagging kvarh column; PF = P / sqrt(P^2 + Q^2).</item>
/// <item>Phases: A, B, C share P with slowly varying weights that sum to 1; 220 V nominal phase voltages with a small
/// deterministic swing; I = P x 1000 / (V x PF); 50 Hz +- 0.03 Hz.</item>
/// </list>
/// </summary>
internal sealed class MeterModel
{
    private const double NominalVoltage = 220.0;
    private static readonly DateTime Epoch = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    private readonly LoadProfile _profile;
    private readonly TimeSpan _standardOffset;

    public MeterModel(LoadProfile profile, MeterSettings settings)
    {
        settings.Validate();
        _profile = profile;
        Settings = settings;
        _standardOffset = TimeZoneInfo.FindSystemTimeZoneById(settings.Zone).BaseUtcOffset;
    }

    /// <summary>The replay settings.</summary>
    public MeterSettings Settings { get; }

    /// <summary>The meter's state at <paramref name="time"/>.</summary>
    public MeterState At(DateTimeOffset time)
    {
        var (day, interval, fraction, seconds) = Locate(time);
        double scale = Settings.Scale;
        double intervalHours = LoadProfile.Interval.TotalHours;
        double kwh = _profile.IntervalKwh(day.Index, interval) * scale;
        double kvarh = _profile.IntervalKvarh(day.Index, interval) * scale;
        double p = kwh / intervalHours;
        double q = kvarh / intervalHours;
        double pf = p == 0 && q == 0 ? 1.0 : p / Math.Sqrt(p * p + q * q);

        double import = Settings.RegisterBaseKwh + Cumulative(day, interval, fraction, _profile.KwhBefore, _profile.TotalKwh) * scale;
        double reactive = Cumulative(day, interval, fraction, _profile.KvarhBefore, _profile.TotalKvarh) * scale;
        if (Settings.RolloverKwh is { } max)
        {
            // A register showing max (e.g. 999999.99) steps to 0.00 next: the modulus is max + one resolution step.
            import %= max + 0.01;
        }

        double wa = 1.0 / 3 + 0.015 * Math.Sin(2 * Math.PI * seconds / 7200);
        double wb = 1.0 / 3 + 0.015 * Math.Sin(2 * Math.PI * seconds / 7200 + 2 * Math.PI / 3);
        double pa = p * wa, pb = p * wb, pc = p - pa - pb;
        double va = Voltage(seconds, 0), vb = Voltage(seconds, 1), vc = Voltage(seconds, 2);
        return new MeterState(
            import, 0.0, reactive, p, pa, pb, pc, q, pf, va, vb, vc,
            Current(pa, va, pf), Current(pb, vb, pf), Current(pc, vc, pf),
            50.0 + 0.03 * Math.Sin(2 * Math.PI * seconds / 600));
    }

    /// <summary>Active energy of local day <paramref name="date"/> (standard time), kWh, before rollover.</summary>
    public double DayKwh(DateOnly date)
    {
        int n = (int)(date.ToDateTime(TimeOnly.MinValue) - Epoch).TotalDays;
        return _profile.DayKwh(Mod(n + Settings.DayOffset, _profile.Days)) * Settings.Scale;
    }

    private (ProfileDay Day, int Interval, double Fraction, double Seconds) Locate(DateTimeOffset time)
    {
        double seconds = (time.UtcDateTime + _standardOffset - Epoch).TotalSeconds;
        long dayNumber = (long)Math.Floor(seconds / 86400);
        double secondsOfDay = seconds - dayNumber * 86400.0;
        double intervalSeconds = LoadProfile.Interval.TotalSeconds;
        int interval = Math.Min((int)(secondsOfDay / intervalSeconds), LoadProfile.IntervalsPerDay - 1);
        double fraction = (secondsOfDay - interval * intervalSeconds) / intervalSeconds;
        return (new ProfileDay(dayNumber, Mod(dayNumber + Settings.DayOffset, _profile.Days)), interval, fraction, seconds);
    }

    /// <summary>Profile energy (unscaled) from the epoch to the given point of the given day. <paramref name="before"/>
    /// gives the profile's cumulative energy before (day, interval); interval 96 is the start of the next day.</summary>
    private double Cumulative(ProfileDay day, int interval, double fraction, Func<int, int, double> before, double total)
    {
        int days = _profile.Days;
        long n = day.Number;
        long cycles = (long)Math.Floor((double)n / days);
        int rest = (int)(n - cycles * days);
        int start = Mod(Settings.DayOffset, days);
        // energy of `rest` whole profile days starting at `start`, wrapping at the end of the profile
        double wholeDays = start + rest <= days
            ? before(start + rest, 0) - before(start, 0)
            : total - before(start, 0) + before(start + rest - days, 0);
        double inDay = before(day.Index, interval) - before(day.Index, 0);
        double partial = before(day.Index, interval + 1) - before(day.Index, interval);
        return cycles * total + wholeDays + inDay + fraction * partial;
    }

    private static double Voltage(double seconds, int phase) =>
        NominalVoltage * (1 + 0.012 * Math.Sin(2 * Math.PI * seconds / 10800 + phase * 2 * Math.PI / 3));

    private static double Current(double kw, double volts, double pf) => pf <= 0 ? 0 : kw * 1000 / (volts * pf);

    private static int Mod(long value, int modulus) => (int)(((value % modulus) + modulus) % modulus);

    private readonly record struct ProfileDay(long Number, int Index);
}
