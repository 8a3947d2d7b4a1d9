namespace CarbonEdge.Edge.Devices.Dlt645;

/// <summary>
/// When a DL/T 645 meter's clock is read and corrected: every <paramref name="CheckInterval"/> the drift is read and
/// published; above <paramref name="SyncThreshold"/> a broadcast time sync (08H) is sent, within the limits meters
/// enforce: a correction of at most <see cref="MaxCorrection"/>, at most once per local day, never within
/// <see cref="MidnightGuard"/> of local midnight (docs/dlt645.md, clock rules).
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

    /// <summary>No sync this close to local midnight (so the daily freeze is neither skipped nor repeated).</summary>
    public static readonly TimeSpan MidnightGuard = TimeSpan.FromMinutes(5);

    /// <summary>True when a sync may correct <paramref name="drift"/> at <paramref name="localNow"/>, given the day of the last sync.</summary>
    public bool MaySync(TimeSpan drift, DateTime localNow, DateOnly? lastSyncDay)
    {
        var sinceMidnight = localNow.TimeOfDay;
        return drift.Duration() > SyncThreshold
            && drift.Duration() <= MaxCorrection
            && sinceMidnight >= MidnightGuard && sinceMidnight <= TimeSpan.FromDays(1) - MidnightGuard
            && lastSyncDay != DateOnly.FromDateTime(localNow);
    }
}
