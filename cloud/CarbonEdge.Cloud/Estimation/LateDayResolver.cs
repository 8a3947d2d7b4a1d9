using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Electricity;
using CarbonEdge.Estimation.Rollups;

namespace CarbonEdge.Cloud.Estimation;

/// <summary>
/// Turns late readings into the past days to estimate again with the library's <see cref="LateData.AffectedDays"/>:
/// a device's late readings split the register increment between the stored good readings before and after them, so
/// every day from the one before to the one after changes. The stored neighbours are looked up in InfluxDB, first
/// within the boundary window, then (for devices with none there) as far as the estimator searches across gaps
/// (<see cref="EstimationOptions.GapSearchDays"/>). Neighbours are looked up per day of the spans' first (last)
/// readings, bounded by the earliest (latest) of them, so a day may be included that a per-device lookup would leave
/// out, never the other way round.
/// </summary>
internal sealed class LateDayResolver(ReadingQuery readings, EstimationOptions options)
{
    /// <summary>The days before <paramref name="today"/> that <paramref name="spans"/> affect, in order.</summary>
    /// <exception cref="Influx.InfluxQueryException">The neighbours could not be read.</exception>
    public async Task<IReadOnlyList<DateOnly>> AffectedDaysAsync(IReadOnlyList<LateSpan> spans, DateOnly today, CancellationToken cancellationToken)
    {
        var zone = options.TimeZone;
        var window = options.BoundaryWindow;
        var previous = new Dictionary<(string, string), DateTimeOffset>();
        foreach (var group in spans.GroupBy(s => LocalDay.Of(s.First, zone)))
        {
            var bound = group.Min(s => s.First);
            var keys = group.Select(s => (s.Site, s.Device)).ToList();
            var near = await readings.LastBeforeAsync(keys, bound, window, cancellationToken).ConfigureAwait(false);
            var far = await readings.LastBeforeAsync(Missing(keys, near), bound - window, options.GapSearch, cancellationToken).ConfigureAwait(false);
            foreach (var (key, reading) in near.Concat(far)) previous[key] = reading.Timestamp;
        }
        var next = new Dictionary<(string, string), DateTimeOffset>();
        foreach (var group in spans.GroupBy(s => LocalDay.Of(s.Last, zone)))
        {
            var bound = group.Max(s => s.Last).AddMilliseconds(1);
            var keys = group.Select(s => (s.Site, s.Device)).ToList();
            var near = await readings.FirstFromAsync(keys, bound, window, cancellationToken).ConfigureAwait(false);
            var far = await readings.FirstFromAsync(Missing(keys, near), bound + window, options.GapSearch, cancellationToken).ConfigureAwait(false);
            foreach (var (key, reading) in near.Concat(far)) next[key] = reading.Timestamp;
        }
        var days = new SortedSet<DateOnly>();
        foreach (var s in spans)
        {
            var key = (s.Site, s.Device);
            // The span's own readings lie between its neighbours: without a stored one after it, the window after its last reading.
            DateTimeOffset? before = previous.TryGetValue(key, out var p) ? p : null;
            var after = next.TryGetValue(key, out var n) ? n : s.Last + window;
            days.UnionWith(LateData.AffectedDays(s.First, before, after, zone, window).Where(d => d < today));
        }
        return [.. days];
    }

    private List<(string, string)> Missing(List<(string Site, string Device)> keys, Dictionary<(string Site, string Device), RegisterReading> found) =>
        options.GapSearchDays == 0 ? [] : keys.Where(k => !found.ContainsKey(k)).ToList();
}
