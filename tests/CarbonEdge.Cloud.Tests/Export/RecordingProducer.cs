using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;

namespace CarbonEdge.Cloud.Tests.Export;

/// <summary>
/// An <see cref="EventHubProducerClient"/> subclass for tests: batches from <see cref="EventHubsModelFactory"/> (holding
/// three events each) recorded with their partition key; the first <c>failures</c> sends, and every send while
/// <see cref="Down"/>, fail like an unreachable namespace.
/// </summary>
internal sealed class RecordingProducer(int failures) : EventHubProducerClient
{
    private int _failuresLeft = failures;

    public List<(string? PartitionKey, List<EventData> Events)> Sent { get; } = [];

    public override ValueTask<EventDataBatch> CreateBatchAsync(CreateBatchOptions options, CancellationToken cancellationToken = default)
    {
        var store = new List<EventData>();
        Sent.Add((options.PartitionKey, store));
        var batch = EventHubsModelFactory.EventDataBatch(1_000_000, store, options, _ => store.Count < 3);
        _stores.Add(batch, store);
        return ValueTask.FromResult(batch);
    }

    public override Task SendAsync(EventDataBatch eventBatch, CancellationToken cancellationToken = default)
    {
        if (Down || _failuresLeft-- > 0)
        {
            throw new EventHubsException(isTransient: true, "hub", "namespace unreachable", EventHubsException.FailureReason.ServiceCommunicationProblem);
        }
        Delivered += eventBatch.Count;
        if (_stores.TryGetValue(eventBatch, out var events)) foreach (var data in events) DeliveredEvents.Enqueue(data);
        return Task.CompletedTask;
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<EventDataBatch, List<EventData>> _stores = [];

    /// <summary>While true every send fails (an outage of the namespace).</summary>
    public volatile bool Down;

    public int Delivered { get; private set; }

    /// <summary>The events sent successfully, in send order (read from other threads).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<EventData> DeliveredEvents { get; } = new();

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
