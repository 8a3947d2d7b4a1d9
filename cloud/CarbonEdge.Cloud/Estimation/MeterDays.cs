using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Electricity;

namespace CarbonEdge.Cloud.Estimation;

/// <summary>Every meter's electricity of one day, and the readings nearest the day's two midnights.</summary>
/// <param name="Days">By (site, device): one per meter asked for (a meter without readings gets a day with <see cref="EstimationEventKind.NoReadings"/>).</param>
/// <param name="Boundaries">The good readings nearest local midnight at the start and at the end of the day.</param>
internal sealed record MeterDayResults(IReadOnlyDictionary<(string Site, string Device), MeterDay> Days, IReadOnlyList<BoundaryReadings> Boundaries);

/// <summary>
/// DESIGN.md formula 1 for every meter of a day, from their energy registers in InfluxDB: the readings of the day and
/// the boundary window around it are streamed meter by meter and each meter's day is computed as soon as its series has
/// arrived. A meter without a good reading within the window on one side of the day (an outage) gets the nearest one
/// further out, up to <see cref="EstimationOptions.GapSearchDays"/>, so the register increment across the gap is shared
/// by the gap-fill method ("boundary values interpolated between the nearest good readings on each side") and an outage
/// of several days loses no energy. A meter with its own daily frozen values at both midnights (DL/T 645) takes the day
/// from them instead (<see cref="FrozenDay"/>), exactly.
/// </summary>
internal sealed class MeterDays(ReadingQuery readings, EstimationOptions options, TimeProvider time)
{
    /// <summary>Computes <paramref name="day"/> for <paramref name="meters"/>; with <paramref name="until"/>, only up to that instant ("today so far").</summary>
    /// <exception cref="InfluxQueryException">Readings could not be read.</exception>
    public async Task<MeterDayResults> ComputeAsync(IReadOnlyList<DeviceInfo> meters, DateOnly day, CancellationToken cancellationToken,
        DateTimeOffset? until = null)
    {
        var zone = options.TimeZone;
        var (start, end) = LocalDay.UtcBounds(day, zone);
        var window = options.BoundaryWindow;
        var electricity = options.Electricity;
        var configs = meters.ToDictionary(m => (m.Site, m.Id), m => new MeterConfig($"{m.Site}/{m.Id}", m.Multiplier, m.RolloverKwh, m.IntervalSeconds));
        MeterDay Compute((string, string) key, List<RegisterReading> series) => until is { } instant
            ? DailyElectricity.ComputeUntil(configs[key], series, day, zone, SoFar(series, start, instant), electricity)
            : DailyElectricity.Compute(configs[key], series, day, zone, electricity);
        bool searchBefore = options.GapSearchDays > 0;
        bool searchAfter = searchBefore && end + window < time.GetUtcNow(); // a day not yet over has nothing stored after it
        bool NeedsBefore(List<RegisterReading> r) => searchBefore && (r.Count == 0 || r[0].Timestamp > start);
        bool NeedsAfter(List<RegisterReading> r) => searchAfter && (r.Count == 0 || r[^1].Timestamp < end);

        var sync = new Lock();
        var days = new Dictionary<(string, string), MeterDay>(configs.Count);
        var pending = new Dictionary<(string, string), List<RegisterReading>>();
        var nearStart = new Dictionary<(string, string), IReadOnlyList<RegisterReading>>(configs.Count);
        var nearEnd = new Dictionary<(string, string), IReadOnlyList<RegisterReading>>(configs.Count);
        if (configs.Count > 0)
        {
            await readings.ForEachRegisterSeriesAsync(configs.Keys, start - window, end + window, (key, series) =>
            {
                var atStart = BoundaryReadings.Of(series, start, window);
                var atEnd = BoundaryReadings.Of(series, end, window);
                var computed = NeedsBefore(series) || NeedsAfter(series) ? null : Compute(key, series);
                lock (sync)
                {
                    if (atStart.Count > 0) nearStart[key] = atStart;
                    if (atEnd.Count > 0) nearEnd[key] = atEnd;
                    if (computed is null) pending[key] = series;
                    else days[key] = computed;
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        foreach (var key in configs.Keys)
        {
            if (!days.ContainsKey(key)) pending.TryAdd(key, []);
        }
        var previous = await readings.LastBeforeAsync([.. pending.Where(p => NeedsBefore(p.Value)).Select(p => p.Key)], start - window,
            options.GapSearch, cancellationToken).ConfigureAwait(false);
        var next = await readings.FirstFromAsync([.. pending.Where(p => NeedsAfter(p.Value)).Select(p => p.Key)], end + window,
            options.GapSearch, cancellationToken).ConfigureAwait(false);
        foreach (var (key, series) in pending)
        {
            if (previous.TryGetValue(key, out var before)) series.Insert(0, before);
            if (next.TryGetValue(key, out var after)) series.Add(after);
            days[key] = Compute(key, series);
        }
        if (until is null && configs.Count > 0)
        {
            // A freeze is stamped to the minute (YYMMDDhhmm): the minute after the day's end holds the closing one.
            var frozen = await readings.FrozenAsync(configs.Keys, start, end + TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
            foreach (var (key, series) in frozen)
            {
                days[key] = FrozenDay.Apply(configs[key], days[key], series, zone, electricity);
            }
        }
        return new MeterDayResults(days, [new BoundaryReadings(start, nearStart), new BoundaryReadings(end, nearEnd)]);
    }

    /// <summary>"So far" ends at the meter's latest good reading of the day: the seconds since it are not yet measured,
    /// and extrapolating them would flag every live day as estimated.</summary>
    private static DateTimeOffset SoFar(List<RegisterReading> series, DateTimeOffset start, DateTimeOffset until)
    {
        for (int i = series.Count - 1; i >= 0; i--)
        {
            var r = series[i];
            if (r.Quality == ReadingQuality.Good && r.Timestamp > start && r.Timestamp <= until) return r.Timestamp;
        }
        return until;
    }
}
