namespace CarbonEdge.Cloud.Influx;

/// <summary>
/// One point of InfluxDB line protocol: measurement, tags, fields and a timestamp in milliseconds since the Unix
/// epoch. Immutable; tags are written sorted by key (what InfluxDB recommends for write performance).
/// </summary>
/// <param name="Measurement">Measurement name, e.g. <c>reading</c>.</param>
/// <param name="Tags">Tag key to value (empty values are left out, as line protocol cannot carry them).</param>
/// <param name="Fields">Field key to value: double, long (written with the <c>i</c> suffix), bool or string; at least one.</param>
/// <param name="TimestampMs">Time in ms since 1970-01-01Z (written with <c>precision=ms</c>).</param>
internal sealed record LinePoint(
    string Measurement,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    IReadOnlyList<KeyValuePair<string, object>> Fields,
    long TimestampMs);
