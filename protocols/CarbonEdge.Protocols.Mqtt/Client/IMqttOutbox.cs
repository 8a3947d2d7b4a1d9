namespace CarbonEdge.Protocols.Mqtt.Client;

/// <summary>
/// Durable store of the client's unacknowledged QoS 1/2 publishes, so that after a process restart they are resent with
/// their packet identifiers and DUP set (MQTT 3.1.1 §4.4: "When a Client reconnects with CleanSession set to 0, both the
/// Client and Server MUST re-send any unacknowledged PUBLISH Packets (where QoS &gt; 0) and PUBREL Packets using their
/// original Packet Identifiers"). Give one to <see cref="MqttClientOptions.Outbox"/> (e.g. a table in the gateway's SQLite
/// buffer, written in the same transaction as the batch it carries); without one the state lives in memory only.
/// </summary>
/// <remarks>
/// The client calls <see cref="StoreAsync"/> before the PUBLISH is written, <see cref="ReleaseAsync"/> when a QoS 2 PUBREC
/// arrives and <see cref="RemoveAsync"/> when PUBACK or PUBCOMP ends the exchange (before the publish's task completes).
/// <see cref="LoadAsync"/> runs once, at the first <see cref="MqttClient.ConnectAsync"/>. Calls come one at a time from the
/// client's loops; a failing call is logged and the exchange goes on from memory.
/// </remarks>
public interface IMqttOutbox
{
    /// <summary>The publishes a previous process left unacknowledged, in the order they were first sent.</summary>
    ValueTask<IReadOnlyList<MqttOutboxEntry>> LoadAsync(CancellationToken cancellationToken);

    /// <summary>A QoS 1/2 publish got its packet identifier and is about to be written.</summary>
    ValueTask StoreAsync(MqttOutboxEntry entry, CancellationToken cancellationToken);

    /// <summary>QoS 2: PUBREC arrived; from now on PUBREL (not the PUBLISH) is what a reconnect resends.</summary>
    ValueTask ReleaseAsync(ushort packetIdentifier, CancellationToken cancellationToken);

    /// <summary>PUBACK or PUBCOMP arrived (or a failure code ended the exchange): forget the publish.</summary>
    ValueTask RemoveAsync(ushort packetIdentifier, CancellationToken cancellationToken);
}

/// <summary>One unacknowledged publish in an <see cref="IMqttOutbox"/>.</summary>
/// <param name="PacketIdentifier">Packet identifier it was (or will be) sent with.</param>
/// <param name="Message">The message.</param>
/// <param name="Released">QoS 2: PUBREC received, PUBREL is next.</param>
public sealed record MqttOutboxEntry(ushort PacketIdentifier, MqttApplicationMessage Message, bool Released = false);
