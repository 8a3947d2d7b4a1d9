using CarbonEdge.Cloud.Influx;
using CarbonEdge.Protocols.Telemetry;
using MQTTnet;

namespace CarbonEdge.Cloud.Ingestion;

/// <summary>
/// A received message on its way to its PUBACK, in receive order: the readings it carries and their points (none for a
/// status, a refused message or an unknown topic: those are only acknowledged, in turn).
/// </summary>
/// <param name="Message">The MQTTnet delivery, acknowledged by <see cref="Acknowledger"/> after the write.</param>
/// <param name="Topic">The topic it came on.</param>
/// <param name="Payload">The raw payload (kept for a dead letter if the write is refused).</param>
/// <param name="Site">Site id of the batch, or empty.</param>
/// <param name="Gateway">Gateway id of the batch, or empty.</param>
/// <param name="Seq">The batch's <c>seq</c>, or -1.</param>
/// <param name="Readings">Readings accepted by validation.</param>
/// <param name="Points">Their <c>reading</c> points, index for index.</param>
internal sealed record Delivery(MqttApplicationMessageReceivedEventArgs Message, string Topic, byte[] Payload, string Site, string Gateway, long Seq,
    IReadOnlyList<Reading> Readings, IReadOnlyList<LinePoint> Points)
{
    /// <summary>A message with nothing to write, acknowledged in its turn.</summary>
    public static Delivery AckOnly(MqttApplicationMessageReceivedEventArgs message, string topic, byte[] payload) =>
        new(message, topic, payload, "", "", -1, [], []);
}
