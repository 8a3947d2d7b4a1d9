using System.Threading.Channels;

namespace CarbonEdge.Cloud.Ingestion;

/// <summary>
/// The received messages between <see cref="TelemetrySubscriber"/> and <see cref="BatchingWriter"/>, each as the task
/// that validates it, first in first out, so PUBACKs go in receive order (MQTT 3.1.1 §4.6, MQTT 5.0 §4.6). Bounded: when the writer falls behind, the
/// subscriber waits, and the broker holds the rest.
/// </summary>
internal sealed class IngestionQueue
{
    /// <summary>Messages waiting at most.</summary>
    public const int Capacity = 1024;

    private readonly Channel<Task<Delivery>> _channel = Channel.CreateBounded<Task<Delivery>>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true });

    /// <summary>The subscriber's end.</summary>
    public ChannelWriter<Task<Delivery>> Writer => _channel.Writer;

    /// <summary>The writer's end.</summary>
    public ChannelReader<Task<Delivery>> Reader => _channel.Reader;
}
