using CarbonEdge.Protocols.Telemetry;

namespace CarbonEdge.Edge.Devices;

/// <summary>A configured field device (meter, CEMS analyzer) that the gateway polls on its interval.</summary>
internal interface IDevice : IAsyncDisposable
{
    /// <summary>Device id, <c>[a-z0-9-]{1,64}</c>.</summary>
    string Id { get; }

    /// <summary>Polling interval.</summary>
    TimeSpan Interval { get; }

    /// <summary>
    /// Reads every configured point once and returns one reading per point, timestamped with the gateway clock
    /// at acquisition. A point that could not be read is a <see cref="ReadingQuality.Bad"/> reading with the reason
    /// (timeout, exception code, garbled frame); only cancellation throws.
    /// </summary>
    ValueTask<IReadOnlyList<Reading>> PollAsync(CancellationToken cancellationToken);
}
