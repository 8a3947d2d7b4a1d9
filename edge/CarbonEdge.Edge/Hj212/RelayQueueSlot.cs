namespace CarbonEdge.Edge.Hj212;

/// <summary>The relay queue the handler feeds, or none when the gateway does not relay.</summary>
/// <param name="Queue">The queue, or null.</param>
internal sealed record RelayQueueSlot(Hj212RelayQueue? Queue);
