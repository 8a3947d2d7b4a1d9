using System.Text.RegularExpressions;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Estimation.Cems;
using CarbonEdge.Estimation.Electricity;
using CarbonEdge.Protocols.Telemetry;
using ReadingQuality = CarbonEdge.Estimation.Electricity.ReadingQuality;

namespace CarbonEdge.Cloud.Estimation;

/// <summary>
/// Reads what the estimation needs back from the <c>reading</c> measurement: good energy-register readings
/// (<c>energy.active.import</c>) and good CEMS readings (<c>cems.*</c>) of the registered devices asked for, by
/// (site, device), merged across gateways. A day of the whole fleet is a few large queries (one per 2,000 devices, run
/// concurrently), whose results are handed on series by series instead of being held whole.
/// </summary>
internal sealed class ReadingQuery(InfluxQueryClient influx, EstimationOptions options)
{
    /// <summary>Devices named in one query at most (longer lists are split into several queries).</summary>
    private const int DevicesPerQuery = 2000;

    /// <summary>
    /// Calls <paramref name="onSeries"/> once for each of <paramref name="devices"/> that has good register readings
    /// with <c>from &lt;= time &lt; to</c>, with all of them in time order, as soon as its series has arrived: the fleet's
    /// readings are never held at once. Bad and uncertain readings are not passed: formula 1 does not use them. A long
    /// device list is read in parts of 2,000 devices, <see cref="EstimationOptions.QueryConcurrency"/> at a time, so
    /// <paramref name="onSeries"/> may be called from several threads at once.
    /// </summary>
    /// <exception cref="InfluxQueryException">InfluxDB refused or could not answer.</exception>
    public async Task ForEachRegisterSeriesAsync(IReadOnlyCollection<(string Site, string Device)> devices, DateTimeOffset from, DateTimeOffset to,
        Action<(string Site, string Device), List<RegisterReading>> onSeries, CancellationToken cancellationToken)
    {
        var wanted = devices.ToHashSet();
        using var slots = new SemaphoreSlim(options.QueryConcurrency);
        await Task.WhenAll(DeviceFilters(wanted).Select(async filter =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await ForEachRegisterSeriesAsync(filter, wanted, from, to, onSeries, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);
    }

    /// <summary>One query; InfluxDB sends the parts of a series one after another, so a series is complete when the next begins.</summary>
    private async Task ForEachRegisterSeriesAsync(string filter, HashSet<(string, string)> wanted, DateTimeOffset from, DateTimeOffset to,
        Action<(string, string), List<RegisterReading>> onSeries, CancellationToken cancellationToken)
    {
        string query = $"SELECT value FROM reading WHERE point = {InfluxQl.Literal(Points.EnergyActiveImport)} AND quality = 'good'" +
                       filter + $" AND time >= {InfluxQl.Time(from)} AND time < {InfluxQl.Time(to)} GROUP BY site, device";
        (string, string)? current = null;
        List<RegisterReading> readings = [];
        await foreach (var part in influx.StreamAsync(query, cancellationToken).ConfigureAwait(false))
        {
            var key = Key(part);
            if (!wanted.Contains(key)) continue;
            if (key != current)
            {
                if (current is { } done) onSeries(done, readings);
                (current, readings) = (key, new List<RegisterReading>(part.Values.Count));
            }
            foreach (var row in part.Values)
            {
                if (row[1] is double v) readings.Add(new RegisterReading(DateTimeOffset.FromUnixTimeMilliseconds((long)row[0]!), v, ReadingQuality.Good));
            }
        }
        if (current is { } last) onSeries(last, readings);
    }

    /// <summary>
    /// Good daily frozen readings (<c>energy.active.import.frozen</c>, time = the meter's freeze time) of
    /// <paramref name="devices"/> with <c>from &lt;= time &lt; to</c>, by (site, device); devices without one are absent.
    /// </summary>
    /// <exception cref="InfluxQueryException">InfluxDB refused or could not answer.</exception>
    public Task<Dictionary<(string Site, string Device), List<RegisterReading>>> FrozenAsync(
        IReadOnlyCollection<(string Site, string Device)> devices, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        GoodAsync(Points.EnergyActiveImportFrozen, devices, from, to, cancellationToken);

    /// <summary>
    /// Good <c>clock.drift</c> readings (meter time − gateway time, s; docs/dlt645.md) of <paramref name="devices"/> with
    /// <c>from &lt;= time &lt; to</c>, by (site, device); devices without one are absent.
    /// </summary>
    /// <exception cref="InfluxQueryException">InfluxDB refused or could not answer.</exception>
    public Task<Dictionary<(string Site, string Device), List<RegisterReading>>> ClockDriftAsync(
        IReadOnlyCollection<(string Site, string Device)> devices, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        GoodAsync(Points.ClockDrift, devices, from, to, cancellationToken);

    private async Task<Dictionary<(string Site, string Device), List<RegisterReading>>> GoodAsync(string point,
        IReadOnlyCollection<(string Site, string Device)> devices, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(string, string), List<RegisterReading>>();
        var wanted = devices.ToHashSet();
        foreach (string filter in DeviceFilters(wanted))
        {
            string query = $"SELECT value FROM reading WHERE point = {InfluxQl.Literal(point)} AND quality = 'good'" +
                           filter + $" AND time >= {InfluxQl.Time(from)} AND time < {InfluxQl.Time(to)} GROUP BY site, device";
            await foreach (var part in influx.StreamAsync(query, cancellationToken).ConfigureAwait(false))
            {
                var key = Key(part);
                if (!wanted.Contains(key)) continue;
                if (!result.TryGetValue(key, out var readings)) result[key] = readings = [];
                foreach (var row in part.Values)
                {
                    if (row[1] is double v) readings.Add(new RegisterReading(DateTimeOffset.FromUnixTimeMilliseconds((long)row[0]!), v, ReadingQuality.Good));
                }
            }
        }
        return result;
    }

    /// <summary>Good readings of the five CEMS points formula 5 uses (<see cref="CemsModel.Points"/>) of <paramref name="devices"/> with <c>from &lt;= time &lt; to</c>, by (site, device).</summary>
    /// <exception cref="InfluxQueryException">InfluxDB refused or could not answer.</exception>
    public async Task<Dictionary<(string Site, string Device), List<CemsPointReading>>> CemsAsync(
        IReadOnlyCollection<(string Site, string Device)> devices, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(string, string), List<CemsPointReading>>();
        var wanted = devices.ToHashSet();
        string points = string.Join('|', CemsModel.Points.Select(Regex.Escape));
        foreach (string filter in DeviceFilters(wanted))
        {
            string query = $"SELECT value FROM reading WHERE point =~ /^(?:{points})$/ AND quality = 'good'" + filter +
                           $" AND time >= {InfluxQl.Time(from)} AND time < {InfluxQl.Time(to)} GROUP BY site, device, point";
            await foreach (var part in influx.StreamAsync(query, cancellationToken).ConfigureAwait(false))
            {
                var key = Key(part);
                if (!wanted.Contains(key)) continue;
                string point = part.Tags.GetValueOrDefault("point", "");
                if (!result.TryGetValue(key, out var readings)) result[key] = readings = [];
                foreach (var row in part.Values)
                {
                    if (row[1] is double v) readings.Add(new CemsPointReading(DateTimeOffset.FromUnixTimeMilliseconds((long)row[0]!), point, v, ReadingQuality.Good));
                }
            }
        }
        return result;
    }

    /// <summary>
    /// The stored good register reading nearest before <paramref name="before"/> of each device, looking back at most
    /// <paramref name="lookback"/> (<c>before - lookback &lt;= time &lt; before</c>); devices without one are absent.
    /// </summary>
    /// <param name="devices">The devices wanted, or null for all.</param>
    /// <param name="before">The instant.</param>
    /// <param name="lookback">How far back to look.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <exception cref="InfluxQueryException">InfluxDB refused or could not answer.</exception>
    public Task<Dictionary<(string Site, string Device), RegisterReading>> LastBeforeAsync(
        IReadOnlyCollection<(string Site, string Device)>? devices, DateTimeOffset before, TimeSpan lookback, CancellationToken cancellationToken) =>
        NeighbourAsync("LAST", devices, before - lookback, before, cancellationToken);

    /// <summary>
    /// The stored good register reading nearest at or after <paramref name="from"/> of each device, looking ahead less
    /// than <paramref name="lookahead"/> (<c>from &lt;= time &lt; from + lookahead</c>); devices without one are absent.
    /// </summary>
    /// <exception cref="InfluxQueryException">InfluxDB refused or could not answer.</exception>
    public Task<Dictionary<(string Site, string Device), RegisterReading>> FirstFromAsync(
        IReadOnlyCollection<(string Site, string Device)>? devices, DateTimeOffset from, TimeSpan lookahead, CancellationToken cancellationToken) =>
        NeighbourAsync("FIRST", devices, from, from + lookahead, cancellationToken);

    private async Task<Dictionary<(string, string), RegisterReading>> NeighbourAsync(string selector,
        IReadOnlyCollection<(string Site, string Device)>? devices, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(string, string), RegisterReading>();
        if (devices is { Count: 0 }) return result;
        var wanted = devices?.ToHashSet();
        foreach (string filter in wanted is null ? [""] : DeviceFilters(wanted))
        {
            string query = $"SELECT {selector}(value) FROM reading WHERE point = {InfluxQl.Literal(Points.EnergyActiveImport)} AND quality = 'good'" +
                           filter + $" AND time >= {InfluxQl.Time(from)} AND time < {InfluxQl.Time(to)} GROUP BY site, device";
            await foreach (var part in influx.StreamAsync(query, cancellationToken).ConfigureAwait(false))
            {
                var key = Key(part);
                if (wanted is not null && !wanted.Contains(key)) continue;
                foreach (var row in part.Values)
                {
                    if (row[1] is double v) result[key] = new RegisterReading(DateTimeOffset.FromUnixTimeMilliseconds((long)row[0]!), v, ReadingQuality.Good);
                }
            }
        }
        return result;
    }

    /// <summary>InfluxQL conditions naming the devices, at most <see cref="DevicesPerQuery"/> each (the (site, device) pairs are checked on the results).</summary>
    private static IEnumerable<string> DeviceFilters(HashSet<(string Site, string Device)> devices) =>
        devices.Select(d => d.Device).Distinct().Order(StringComparer.Ordinal).Chunk(DevicesPerQuery)
            .Select(c => $" AND device =~ /^(?:{string.Join('|', c.Select(d => Regex.Escape(d).Replace("/", "\\/")))})$/");

    private static (string, string) Key(InfluxSeries series) =>
        (series.Tags.GetValueOrDefault("site", ""), series.Tags.GetValueOrDefault("device", ""));
}
