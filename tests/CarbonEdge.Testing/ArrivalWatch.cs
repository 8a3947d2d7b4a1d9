using System.Collections.Concurrent;
using System.Diagnostics;

namespace CarbonEdge.Testing;

/// <summary>
/// Acquisition-to-InfluxDB latency of telemetry messages, seen from outside: the publisher notes when each message of a
/// gateway was acquired and published (<see cref="Published"/>), and <see cref="RunAsync"/> polls InfluxDB for the
/// gateways' highest stored value in the last five minutes: every reading's value is its message's number, and messages
/// of one gateway are written in order, so message n is stored once the maximum reaches n. Resolution: the poll interval
/// plus one query. With <c>lastDevice</c>, only that device's series is read (the last reading of every message): the poll
/// then costs influxd a few points, not every point of the last five minutes, which at tens of thousands of readings per
/// second slowed the writes being measured.
/// </summary>
public sealed class ArrivalWatch(InfluxServer influx, string database, string gatewayPrefix, string? lastDevice = null)
{
    private readonly ConcurrentDictionary<(string Gateway, int Message), long> _published = new();
    private readonly ConcurrentDictionary<(string Gateway, int Message), long> _stored = new();
    private readonly ConcurrentDictionary<string, int> _seen = new();

    /// <summary>Now, on the watch's clock (Stopwatch ticks).</summary>
    public static long Now => Stopwatch.GetTimestamp();

    /// <summary>Notes that message number <paramref name="message"/> (from 1) of <paramref name="gateway"/> was acquired and published at <paramref name="at"/> (<see cref="Now"/>).</summary>
    public void Published(string gateway, int message, long at) => _published[(gateway, message)] = at;

    /// <summary>Messages seen stored so far.</summary>
    public int Stored => _stored.Count;

    /// <summary>Polls every <paramref name="interval"/> until cancelled.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            IReadOnlyList<InfluxRow> rows;
            try
            {
                rows = await influx.RowsAsync(database, $"SELECT max(value) FROM reading WHERE gateway =~ /^{gatewayPrefix}/{(lastDevice is null ? "" : $" AND device = '{lastDevice}'")} AND time > now() - 5m GROUP BY gateway");
            }
            catch (InvalidOperationException)
            {
                // e.g. the database is not created yet: look again
                rows = [];
            }
            long now = Now;
            foreach (var row in rows)
            {
                string gateway = row.Tags["gateway"];
                int messages = (int)row.Number("max");
                for (int m = _seen.GetValueOrDefault(gateway) + 1; m <= messages; m++) _stored.TryAdd((gateway, m), now);
                _seen[gateway] = Math.Max(_seen.GetValueOrDefault(gateway), messages);
            }
            try
            {
                await Task.Delay(interval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Latencies in ms of the stored messages published between <paramref name="from"/> and <paramref name="to"/> (<see cref="Now"/> values).</summary>
    public List<double> LatenciesMs(long from, long to) =>
        [.. _published.Where(p => p.Value >= from && p.Value < to && _stored.ContainsKey(p.Key))
            .Select(p => Stopwatch.GetElapsedTime(p.Value, _stored[p.Key]).TotalMilliseconds)];

    /// <summary>Messages published between <paramref name="from"/> and <paramref name="to"/> not stored yet.</summary>
    public int Missing(long from, long to) => _published.Count(p => p.Value >= from && p.Value < to && !_stored.ContainsKey(p.Key));

    /// <summary>The <paramref name="q"/>-quantile (0..1) of <paramref name="values"/>, nearest rank; NaN when empty.</summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
