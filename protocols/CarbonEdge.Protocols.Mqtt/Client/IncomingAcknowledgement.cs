namespace CarbonEdge.Protocols.Mqtt.Client;

/// <summary>A received QoS 1/2 PUBLISH waiting for the application's acknowledgement.</summary>
internal sealed class IncomingAcknowledgement(AcknowledgementQueue queue, ushort packetIdentifier, MqttQualityOfServiceLevel qualityOfService)
{
    public ushort PacketIdentifier { get; } = packetIdentifier;

    public MqttQualityOfServiceLevel QualityOfService { get; } = qualityOfService;

    public bool Acknowledged { get; set; }

    public void Acknowledge() => queue.Acknowledge(this);
}

/// <summary>
/// Received QoS 1/2 publishes of one connection in receive order. An acknowledgement is sent only when every earlier
/// one has been: MQTT 3.1.1 §4.6 requires PUBACK and PUBREC in the order the PUBLISH packets arrived.
/// </summary>
/// <param name="send">Queues PUBACK (QoS 1) or PUBREC (QoS 2) for a packet identifier on the connection.</param>
internal sealed class AcknowledgementQueue(Action<ushort, MqttQualityOfServiceLevel> send)
{
    private readonly Queue<IncomingAcknowledgement> _pending = new();
    private bool _closed;

    public IncomingAcknowledgement Register(ushort packetIdentifier, MqttQualityOfServiceLevel qualityOfService)
    {
        var acknowledgement = new IncomingAcknowledgement(this, packetIdentifier, qualityOfService);
        lock (_pending)
        {
            _pending.Enqueue(acknowledgement);
        }
        return acknowledgement;
    }

    public void Acknowledge(IncomingAcknowledgement acknowledgement)
    {
        lock (_pending)
        {
            if (acknowledgement.Acknowledged || _closed) return;
            acknowledgement.Acknowledged = true;
            while (_pending.TryPeek(out var head) && head.Acknowledged)
            {
                _pending.Dequeue();
                send(head.PacketIdentifier, head.QualityOfService);
            }
        }
    }

    /// <summary>Number of received messages not acknowledged yet (or held behind an earlier one).</summary>
    public int Count
    {
        get { lock (_pending) return _pending.Count; }
    }

    /// <summary>The connection ended: later acknowledgements are dropped (the broker re-delivers).</summary>
    public void Close()
    {
        lock (_pending)
        {
            _closed = true;
            _pending.Clear();
        }
    }
}
