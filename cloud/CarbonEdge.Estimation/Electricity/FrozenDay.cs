using System.Globalization;

namespace CarbonEdge.Estimation.Electricity;

/// <summary>
/// DESIGN.md formula 1 from a meter's own daily freeze: where the meter froze its forward active energy at both local
/// midnights of a day (point <c>energy.active.import.frozen</c>, DL/T 645-2007 Table A.6 DI 05060101 "daily frozen forward
/// active energy", stamped with the freeze time of DI 05060001), <c>E_d [kWh] = (F(d+1 00:00) - F(d 00:00)) x multiplier</c>
/// exactly: no interpolation, nothing estimated.
/// </summary>
/// <remarks>
/// A freeze counts as a day boundary when its freeze time lies in the minute of the local midnight (the freeze time is
/// YYMMDDhhmm, to the minute). A meter whose freeze is set to another hour, a day missing either freeze, or a frozen
/// value that falls without a rollover keeps the register computation it is given (the fall is reported).
/// </remarks>
public static class FrozenDay
{
    /// <summary>Resolution of the freeze time (DL/T 645-2007 Table A.6 DI 05060001, format YYMMDDhhmm).</summary>
    private static readonly TimeSpan FreezeResolution = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The day from the meter's frozen values when it has one at both midnights of <paramref name="registerDay"/>'s day,
    /// otherwise <paramref name="registerDay"/> itself (a falling frozen value adds a <see cref="EstimationEventKind.NegativeDelta"/> event).
    /// </summary>
    /// <param name="meter">Device id, multiplier, rollover maximum.</param>
    /// <param name="registerDay">The same meter's day from its register (<see cref="DailyElectricity"/>): its completeness
    /// and reading events are kept, its kWh replaced.</param>
    /// <param name="frozen">Frozen readings in any order, timestamp = the meter's freeze time; only good ones are used.</param>
    /// <param name="zone">Time zone of the day boundaries (e.g. Asia/Shanghai).</param>
    /// <param name="options">Rollover band; <see cref="ElectricityOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">Invalid meter configuration.</exception>
    public static MeterDay Apply(MeterConfig meter, MeterDay registerDay, IReadOnlyList<RegisterReading> frozen, TimeZoneInfo zone,
        ElectricityOptions? options = null)
    {
        meter.Validate();
        options ??= ElectricityOptions.Default;
        var (start, end) = LocalDay.UtcBounds(registerDay.Day, zone);
        if (At(frozen, start) is not { } first || At(frozen, end) is not { } last)
        {
            return registerDay;
        }
        var delta = last - first;
        if (delta < 0)
        {
            if (!meter.IsRollover(first, last, options.RolloverBand))
            {
                return registerDay with
                {
                    Events = [.. registerDay.Events, new EstimationEvent(EstimationEventKind.NegativeDelta, meter.DeviceId, end,
                        Invariant($"frozen value fell from {first} to {last} (register units) and is no rollover: day taken from the register readings"))],
                };
            }
            delta += meter.RolloverModulus!.Value;
        }
        var kwh = delta * meter.Multiplier;
        List<EstimationEvent> events = [.. registerDay.Events.Where(e => e.Kind is not (EstimationEventKind.BoundaryEstimated or
            EstimationEventKind.GapFilled or EstimationEventKind.NoReadings))];
        events.Add(new EstimationEvent(EstimationEventKind.FrozenBoundary, meter.DeviceId, start,
            Invariant($"frozen {first} at {start:O} and {last} at {end:O} (register units) x {meter.Multiplier} = {kwh} kWh")));
        return registerDay with { Kwh = kwh, EstimatedKwh = 0, Estimated = false, Method = null, Events = events, Frozen = true };
    }

    /// <summary>The first good frozen value whose freeze time lies in the minute of <paramref name="midnight"/>, if any.</summary>
    private static double? At(IReadOnlyList<RegisterReading> frozen, DateTimeOffset midnight)
    {
        RegisterReading? found = null;
        foreach (var r in frozen)
        {
            if (r.Quality == ReadingQuality.Good && r.Timestamp >= midnight && r.Timestamp < midnight + FreezeResolution &&
                (found is null || r.Timestamp < found.Value.Timestamp))
            {
                found = r;
            }
        }
        return found?.Value;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
