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
        var tags = new List<KeyValuePair<string, string>>(7)
        {
            new("site", site), new("gateway", gateway), new("device", reading.Device), new("point", reading.Point),
        };
        if (device is not null)
        {
            tags.Add(new("enterprise", device.Enterprise.Id));
            tags.Add(new("region", device.Enterprise.Region));
            tags.Add(new("industry", device.Enterprise.Industry));
        }
        var fields = new List<KeyValuePair<string, object>>(3);
        if (reading.Value is { } value) fields.Add(new("value", value));
        fields.Add(new("quality", QualityNames.Of(reading.Quality)));
        if (reading.Reason is { } reason) fields.Add(new("reason", reason));
        return new LinePoint(Measurement, tags, fields, reading.Ts.ToUnixTimeMilliseconds());
    }
}
