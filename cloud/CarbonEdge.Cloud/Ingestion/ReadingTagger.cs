using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Protocols.Telemetry;

namespace CarbonEdge.Cloud.Ingestion;

/// <summary>
/// Tags readings from the registry (enterprise, region, industry of their device) into <c>reading</c> points; readings
/// of devices not in the registry are written untagged, counted, and logged once per device.
/// </summary>
internal sealed partial class ReadingTagger(RegistryStore registry, IngestionStats stats, ILogger<ReadingTagger> logger)
{
    private readonly HashSet<(string, string)> _unregisteredSeen = [];

    /// <summary>The points of <paramref name="readings"/> of a batch from <paramref name="site"/>/<paramref name="gateway"/>, index for index.</summary>
    public List<LinePoint> Tag(string site, string gateway, IReadOnlyList<Reading> readings)
    {
        var points = new List<LinePoint>(readings.Count);
        int unregistered = 0;
        foreach (var reading in readings)
        {
            var device = registry.FindDevice(site, reading.Device);
            if (device is null)
            {
                unregistered++;
                NoteUnregistered(site, reading.Device);
            }
            points.Add(ReadingPoints.From(site, gateway, reading, device));
        }
        if (unregistered > 0) stats.Unregistered(unregistered);
        return points;
    }

    private void NoteUnregistered(string site, string device)
    {
        lock (_unregisteredSeen)
        {
            if (!_unregisteredSeen.Add((site, device))) return;
        }
        LogUnregistered(logger, site, device);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {Site}/{Device} is not in the registry: its readings are written without enterprise tags and not estimated; add it to the registry seed")]
    static partial void LogUnregistered(ILogger logger, string site, string device);
}
