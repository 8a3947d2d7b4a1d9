namespace CarbonEdge.Simulators.Meters.Dlt645;

/// <summary>
/// A meter's own clock: the simulated time plus an offset (a meter running fast or slow), shown as the plant's local
/// standard time. A broadcast time sync moves it within the limits meters enforce: a correction of at most 5 min,
/// at most once per meter day, and not within 5 min of the meter's midnight (so the daily freeze is never skipped or
/// repeated); a sync outside them is ignored and counted.
/// </summary>
/// <remarks>DL/T 645-2007 §7.3.1 (broadcast time sync; the meter's limits follow the smart-meter specifications
/// Q/GDW 1827/1364 that DL/T 645 meters implement: ±5 min, once a day, not across midnight).</remarks>
internal sealed class Dlt645MeterClock(SimulationClock clock, TimeSpan standardOffset, TimeSpan offset)
{
    /// <summary>Largest correction a broadcast time sync may make.</summary>
    public static readonly TimeSpan MaxCorrection = TimeSpan.FromMinutes(5);

    private readonly Lock _lock = new();
    private TimeSpan _offset = offset;
    private readonly List<(DateTimeOffset At, TimeSpan Before)> _changes = [];
    private DateOnly? _lastSyncDay;

    /// <summary>The meter clock's error: meter time minus true time (positive: fast).</summary>
    public TimeSpan Offset { get { lock (_lock) return _offset; } }

    /// <summary>Syncs applied and refused.</summary>
    public int SyncsApplied { get; private set; }

    /// <summary>Syncs ignored (too large a correction, twice a day, or near midnight).</summary>
    public int SyncsRefused { get; private set; }

    /// <summary>The true simulated instant.</summary>
    public DateTimeOffset TrueNow => clock.Now;

    /// <summary>The meter's local time now.</summary>
    public DateTime Now => ToMeterLocal(clock.Now);

    /// <summary>The meter's local time at true instant <paramref name="instant"/>.</summary>
    public DateTime ToMeterLocal(DateTimeOffset instant)
    {
        lock (_lock) return DateTime.SpecifyKind(instant.UtcDateTime + standardOffset + _offset, DateTimeKind.Unspecified);
    }

    /// <summary>
    /// The true instant at which the meter's clock showed (or will show) <paramref name="meterLocal"/>, with the offset
    /// it had then: a freeze taken before a time sync keeps the instant it was taken at.
    /// </summary>
    public DateTimeOffset ToTrueInstant(DateTime meterLocal)
    {
        lock (_lock)
        {
            var offset = _offset;
            for (int i = _changes.Count - 1; i >= 0; i--)
            {
                if (At(meterLocal, offset) >= _changes[i].At) break;
                offset = _changes[i].Before;
            }
            return At(meterLocal, offset);
        }
    }

    private DateTimeOffset At(DateTime meterLocal, TimeSpan offset) =>
        new(DateTime.SpecifyKind(meterLocal - standardOffset - offset, DateTimeKind.Unspecified), TimeSpan.Zero);

    /// <summary>Applies a broadcast time sync to <paramref name="meterLocal"/> when the limits allow; true when applied.</summary>
    public bool TrySync(DateTime meterLocal)
    {
        lock (_lock)
        {
            var now = DateTime.SpecifyKind(clock.Now.UtcDateTime + standardOffset + _offset, DateTimeKind.Unspecified);
            var correction = meterLocal - now;
            var sinceMidnight = now.TimeOfDay;
            bool nearMidnight = sinceMidnight < MaxCorrection || sinceMidnight > TimeSpan.FromDays(1) - MaxCorrection;
            var day = DateOnly.FromDateTime(now);
            if (correction.Duration() > MaxCorrection || nearMidnight || _lastSyncDay == day)
            {
                SyncsRefused++;
                return false;
            }
            _changes.Add((clock.Now, _offset));
            _offset += correction;
            _lastSyncDay = day;
            SyncsApplied++;
            return true;
        }
    }
}
