using System.Collections.Concurrent;
using CarbonEdge.Protocols.Telemetry;

namespace CarbonEdge.Cloud.Live;

/// <summary>The latest reading of one point of one device.</summary>
/// <param name="Value">Value in the point's unit, null for a bad reading.</param>
/// <param name="Unit">The point's unit.</param>
/// <param name="Ts">Acquisition time, UTC.</param>
/// <param name="Quality">good, uncertain or bad.</param>
/// <param name="Gateway">The gateway it came through.</param>
internal sealed record LiveValue(double? Value, string Unit, DateTimeOffset Ts, ReadingQuality Quality, string Gateway);

/// <summary>
/// Latest value per (site, device, point), fed by ingestion after each write and seeded from InfluxDB at start.
/// A reading older than the one held (a late or backfilled one) does not replace it. Thread-safe.
/// </summary>
internal sealed class LiveValues
{
    private readonly ConcurrentDictionary<(string Site, string Device, string Point), LiveValue> _values = new();

    /// <summary>Offers the readings of a batch from <paramref name="gateway"/> at <paramref name="site"/>.</summary>
    public void Offer(string site, string gateway, IEnumerable<Reading> readings)
    {
        foreach (var r in readings)
        {
            Offer(site, r.Device, r.Point, new LiveValue(r.Value, r.Unit, r.Ts, r.Quality, gateway));
        }
    }

    /// <summary>Offers one value (used when seeding from InfluxDB).</summary>
    public void Offer(string site, string device, string point, LiveValue value) =>
        _values.AddOrUpdate((site, device, point), static (_, offered) => offered, static (_, held, offered) => held.Ts >= offered.Ts ? held : offered, value); // no closure per reading

    /// <summary>Latest values of a site: device -> point -> value.</summary>
    public SortedDictionary<string, SortedDictionary<string, LiveValue>> Site(string site)
    {
        var devices = new SortedDictionary<string, SortedDictionary<string, LiveValue>>(StringComparer.Ordinal);
        foreach (var ((s, device, point), value) in _values)
        {
            if (s != site) continue;
            if (!devices.TryGetValue(device, out var points)) devices[device] = points = new SortedDictionary<string, LiveValue>(StringComparer.Ordinal);
            points[point] = value;
        }
        return devices;
    }
}
