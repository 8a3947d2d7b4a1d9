namespace CarbonEdge.Cloud.Estimation;

/// <summary>A device's energy readings that may change past days' estimates, from the earliest to the latest of them.</summary>
/// <param name="Site">Site id.</param>
/// <param name="Device">Device id.</param>
/// <param name="First">Time of the earliest such reading.</param>
/// <param name="Last">Time of the latest such reading.</param>
internal sealed record LateSpan(string Site, string Device, DateTimeOffset First, DateTimeOffset Last);

/// <summary>
/// Energy readings that may change the estimate of a day already estimated: a reading that arrived out of time order,
/// or the first one of a device today (the register between its previous reading and this one may cross midnight, or a
/// longer gap). Kept per device as a span; all spans are due together once no such reading has come for a quiet period
/// (or they have waited too long), and <see cref="LateDayResolver"/> turns them into days. Thread-safe.
/// </summary>
internal sealed class LateDays
{
    private readonly Dictionary<(string, string), DateTimeOffset> _lastSeen = [];
    private readonly Dictionary<(string, string), (DateTimeOffset First, DateTimeOffset Last)> _spans = [];
    private readonly Lock _lock = new();
    private DateTimeOffset _firstNoted, _lastNoted;

    /// <summary>Notes a good energy reading written to InfluxDB.</summary>
    /// <param name="site">Site id.</param>
    /// <param name="device">Device id.</param>
    /// <param name="ts">The reading's time.</param>
    /// <param name="todayStart">Local midnight that started today, UTC.</param>
    /// <param name="now">Time of the note.</param>
    public void Note(string site, string device, DateTimeOffset ts, DateTimeOffset todayStart, DateTimeOffset now)
    {
        var key = (site, device);
        lock (_lock)
        {
            bool seen = _lastSeen.TryGetValue(key, out var last);
            if (!seen || last < todayStart || ts < last)
            {
                if (_spans.Count == 0) _firstNoted = now;
                _lastNoted = now;
                _spans[key] = _spans.TryGetValue(key, out var span) ? (ts < span.First ? ts : span.First, ts > span.Last ? ts : span.Last) : (ts, ts);
            }
            if (!seen || ts > last) _lastSeen[key] = ts;
        }
    }

    /// <summary>
    /// Every span, once none has been noted for <paramref name="quiet"/> or the oldest has waited
    /// <paramref name="maxWait"/>; they are removed. Empty otherwise.
    /// </summary>
    public IReadOnlyList<LateSpan> TakeDue(DateTimeOffset now, TimeSpan quiet, TimeSpan maxWait)
    {
        lock (_lock)
        {
            if (_spans.Count == 0 || (now - _lastNoted < quiet && now - _firstNoted < maxWait)) return [];
            var due = _spans.Select(s => new LateSpan(s.Key.Item1, s.Key.Item2, s.Value.First, s.Value.Last)).ToList();
            _spans.Clear();
            return due;
        }
    }

    /// <summary>Puts spans back (their days could not be worked out); they are due again after the quiet period.</summary>
    public void Restore(IEnumerable<LateSpan> spans, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_spans.Count == 0) _firstNoted = now;
            _lastNoted = now;
            foreach (var s in spans)
            {
                var key = (s.Site, s.Device);
                _spans[key] = _spans.TryGetValue(key, out var span)
                    ? (s.First < span.First ? s.First : span.First, s.Last > span.Last ? s.Last : span.Last)
                    : (s.First, s.Last);
            }
        }
    }

    /// <summary>Devices with readings waiting.</summary>
    public int Count
    {
        get { lock (_lock) return _spans.Count; }
    }
}
