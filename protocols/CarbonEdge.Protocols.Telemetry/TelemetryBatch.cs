namespace CarbonEdge.Protocols.Telemetry;

/// <summary>
/// The telemetry payload: a batch of readings from one gateway (DESIGN.md "Telemetry contract v1").
/// Serialized as UTF-8 JSON of at most <see cref="TelemetrySchema.MaxBatchBytes"/> bytes.
/// </summary>
/// <param name="Schema">Always <see cref="TelemetrySchema.V1"/>.</param>
/// <param name="Site">Site id.</param>
/// <param name="Gateway">Gateway id.</param>
/// <param name="Seq">Batch sequence number: +1 per batch per gateway, kept across restarts.</param>
/// <param name="SentAt">When the batch was formed, UTC.</param>
/// <param name="Readings">The readings.</param>
public sealed record TelemetryBatch(
    string Schema,
    string Site,
    string Gateway,
    long Seq,
    DateTimeOffset SentAt,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(Json.ReadingListConverter))] IReadOnlyList<Reading> Readings);

/// <summary>Constants of the telemetry schema.</summary>
public static class TelemetrySchema
{
    /// <summary>Schema name of contract v1.</summary>
    public const string V1 = "carbonedge.telemetry.v1";

    /// <summary>Largest allowed serialized batch: 256 KiB.</summary>
    public const int MaxBatchBytes = 256 * 1024;
}
