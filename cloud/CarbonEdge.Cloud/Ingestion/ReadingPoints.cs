using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Protocols.Telemetry;

namespace CarbonEdge.Cloud.Ingestion;

/// <summary>
/// Maps a telemetry reading to a <c>reading</c> point (DESIGN.md "InfluxDB schema"): tags site, gateway, device, point
/// and, for registered devices, enterprise, region, industry; fields value (float, absent for bad readings), quality
/// (string) and reason (string, when given); time = ts in ms. The same series and time overwrite: re-delivery is harmless.
/// </summary>
internal static class ReadingPoints
{
    public const string Measurement = "reading";

    public static LinePoint From(string site, string gateway, Reading reading, DeviceContext? device)
    {
        // in key order (device, enterprise, gateway, industry, point, region, site): the line protocol writes them as they are
        var tags = device is null
            ? new KeyValuePair<string, string>[] { new("device", reading.Device), new("gateway", gateway), new("point", reading.Point), new("site", site) }
            :
            [
                new("device", reading.Device), new("enterprise", device.Enterprise.Id), new("gateway", gateway), new("industry", device.Enterprise.Industry),
                new("point", reading.Point), new("region", device.Enterprise.Region), new("site", site),
            ];
        var fields = new List<KeyValuePair<string, object>>(3);
        if (reading.Value is { } value) fields.Add(new("value", value));
        fields.Add(new("quality", QualityNames.Of(reading.Quality)));
        if (reading.Reason is { } reason) fields.Add(new("reason", reason));
        return new LinePoint(Measurement, tags, fields, reading.Ts.ToUnixTimeMilliseconds());
    }
}
