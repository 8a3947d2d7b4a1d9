using CarbonEdge.Firmware.Core.Uplink;

namespace CarbonEdge.Firmware.Tests.Doubles;

/// <summary>An uplink that keeps what was published and acknowledges while <see cref="Acknowledge"/> is true.</summary>
internal sealed class RecordingUplink : IUplink
{
    public bool Reachable { get; set; } = true;

    public bool Acknowledge { get; set; } = true;

    /// <summary>When false, published payloads are not copied (allocation-free).</summary>
    public bool Keep { get; set; } = true;

    public List<(string Topic, byte[] Payload, bool Retain)> Published { get; } = [];

    public (string Topic, byte[] Payload)? Will { get; private set; }

    public string? CommandFilter { get; private set; }

    public int Acknowledged { get; private set; }

    public bool IsConnected { get; private set; }

    public bool Connect(string clientId, string willTopic, byte[] willPayload, int willLength, string commandFilter)
    {
        if (!Reachable)
            return false;
        Will = (willTopic, willPayload[..willLength]);
        CommandFilter = commandFilter;
        IsConnected = true;
        return true;
    }

    public bool Publish(string topic, byte[] payload, int length, bool retain)
    {
        if (!IsConnected || !Acknowledge)
            return false;
        if (Keep)
            Published.Add((topic, payload[..length], retain));
        Acknowledged++;
        return true;
    }

    public void Disconnect() => IsConnected = false;

    public IEnumerable<byte[]> Payloads(string topicSuffix) =>
        Published.Where(p => p.Topic.EndsWith(topicSuffix, StringComparison.Ordinal)).Select(p => p.Payload);
}
