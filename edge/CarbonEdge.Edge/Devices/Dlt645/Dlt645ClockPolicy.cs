namespace CarbonEdge.Edge.Devices.Dlt645;

/// <summary>
/// When a DL/T 645 meter's clock is read and corrected: every <paramref name="CheckInterval"/> the drift is read and
/// published; above <paramref name="SyncThreshold"/> a broadcast time sync (08H) is sent, within the limits meters
/// enforce: a correction of at most <see cref="MaxCorrection"/>, at most once per local day, and never within
/// <see cref="FullHourGuard"/> of a local full hour, midnight included (docs/dlt645.md, clock rules).
/// </summary>
/// <param name="CheckInterval">How often the clock is read (zero: never).</param>
/// <param name="SyncThreshold">Drift above which a sync is sent.</param>
/// <param name="Zone">The plant's zone: the meter keeps its local time.</param>
/// <remarks>DL/T 645-2007 §7.3.1 (broadcast time sync, the command only); the limits: State Grid clock management rules
/// 国网[营销/4]384-2014 (no sync near midnight or full hours; a meter over 5 min off after two syncs is faulty) and the
/// smart-meter functional specification Q/GDW 1354-2013 meters implement (once a day, ±5 min; docs/dlt645.md).</remarks>
internal sealed record Dlt645ClockPolicy(TimeSpan CheckInterval, TimeSpan SyncThreshold, TimeZoneInfo Zone)
{
    /// <summary>Largest correction a meter accepts.</summary>
    public static readonly TimeSpan MaxCorrection = TimeSpan.FromMinutes(5);

    /// <summary>
    /// No sync this close to a local full hour, or closer: as large as <see cref="MaxCorrection"/>, so neither the
    /// meter's time before the sync nor after it lies across a full hour, and no hourly or daily freeze is skipped or
    /// taken twice.
    /// </summary>
    public static readonly TimeSpan FullHourGuard = MaxCorrection;

    /// <summary>True when a sync may correct <paramref name="drift"/> at <paramref name="localNow"/>, given the day of the last sync.</summary>
    public bool MaySync(TimeSpan drift, DateTime localNow, DateOnly? lastSyncDay)
    {
        var sinceFullHour = TimeSpan.FromTicks(localNow.TimeOfDay.Ticks % TimeSpan.TicksPerHour);
        return drift.Duration() > SyncThreshold
            && drift.Duration() <= MaxCorrection
            && sinceFullHour > FullHourGuard && sinceFullHour < TimeSpan.FromHours(1) - FullHourGuard
            && lastSyncDay != DateOnly.FromDateTime(localNow);
    }
}
