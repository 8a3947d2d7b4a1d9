using System.Collections.Concurrent;

namespace CarbonEdge.Edge.Hj212;

/// <summary>Counters of the HJ 212 input, per station (its MN, or <c>?</c> when the packet named none known): packets accepted, packets rejected by reason. Thread-safe.</summary>
internal sealed class Hj212LinkStats
{
    private readonly ConcurrentDictionary<(string Station, string Reason), long> _rejected = new();
    private readonly ConcurrentDictionary<string, long> _accepted = new();

    /// <summary>Counts a packet accepted from <paramref name="station"/>.</summary>
    public void Accepted(string station) => _accepted.AddOrUpdate(station, 1, (_, n) => n + 1);

    /// <summary>Counts a packet (or run of bytes) rejected for <paramref name="reason"/>.</summary>
    public void Rejected(string station, string reason) => _rejected.AddOrUpdate((station, reason), 1, (_, n) => n + 1);

    /// <summary>Packets accepted from <paramref name="station"/>.</summary>
    public long AcceptedFrom(string station) => _accepted.GetValueOrDefault(station);

    /// <summary>Packets rejected from <paramref name="station"/> for <paramref name="reason"/>.</summary>
    public long RejectedFrom(string station, string reason) => _rejected.GetValueOrDefault((station, reason));

    /// <summary>Every rejection count, by station and reason.</summary>
    public IReadOnlyDictionary<(string Station, string Reason), long> Rejections => new Dictionary<(string, string), long>(_rejected);
}
