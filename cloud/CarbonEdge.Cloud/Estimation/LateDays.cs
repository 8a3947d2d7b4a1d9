namespace CarbonEdge.Cloud.Estimation;

/// <summary>
/// Past local days that received readings after they ended (a gateway back online, a history backfill), with the time
/// of the last such reading; a day is due for re-estimation once no late reading has come for a quiet period.
/// Thread-safe.
/// </summary>
internal sealed class LateDays
{
    private readonly Dictionary<DateOnly, DateTimeOffset> _touched = [];
    private readonly Lock _lock = new();

    /// <summary>Records that <paramref name="day"/> received a reading at <paramref name="now"/>.</summary>
    public void Mark(DateOnly day, DateTimeOffset now)
    {
        lock (_lock) _touched[day] = now;
    }

    /// <summary>Days untouched for at least <paramref name="quiet"/>, oldest first; they are removed.</summary>
    public IReadOnlyList<DateOnly> TakeDue(DateTimeOffset now, TimeSpan quiet)
    {
        lock (_lock)
        {
            var due = _touched.Where(t => now - t.Value >= quiet).Select(t => t.Key).Order().ToList();
            foreach (var day in due) _touched.Remove(day);
            return due;
        }
    }

    /// <summary>Days waiting.</summary>
    public int Count
    {
        get { lock (_lock) return _touched.Count; }
    }
}
