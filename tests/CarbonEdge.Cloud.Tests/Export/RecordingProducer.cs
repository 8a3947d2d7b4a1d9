using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;

namespace CarbonEdge.Cloud.Tests.Export;

/// <summary>
/// An <see cref="EventHubProducerClient"/> subclass for tests: batches from <see cref="EventHubsModelFactory"/> (holding
/// three events each) recorded with their partition key; the first <c>failures</c> sends fail like an unreachable namespace.
/// </summary>
internal sealed class RecordingProducer(int failures) : EventHubProducerClient
{
    private int _failuresLeft = failures;

    public List<(string? PartitionKey, List<EventData> Events)> Sent { get; } = [];

    public override ValueTask<EventDataBatch> CreateBatchAsync(CreateBatchOptions options, CancellationToken cancellationToken = default)
    {
        var store = new List<EventData>();
        Sent.Add((options.PartitionKey, store));
        return ValueTask.FromResult(EventHubsModelFactory.EventDataBatch(1_000_000, store, options, _ => store.Count < 3));
    }

    public override Task SendAsync(EventDataBatch eventBatch, CancellationToken cancellationToken = default)
    {
        if (_failuresLeft-- > 0)
        {
            throw new EventHubsException(isTransient: true, "hub", "namespace unreachable", EventHubsException.FailureReason.ServiceCommunicationProblem);
        }
        Delivered += eventBatch.Count;
        return Task.CompletedTask;
    }

    public int Delivered { get; private set; }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
