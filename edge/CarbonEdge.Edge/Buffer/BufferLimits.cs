using System.ComponentModel.DataAnnotations;

namespace CarbonEdge.Edge.Buffer;

/// <summary>
/// How big the gateway buffer may grow (config section <c>buffer</c>). When the readings waiting to be sealed reach
/// <see cref="MaxReadings"/>, the buffer evicts, in the same transaction as the add that overflowed it, down to 90 % of
/// the maximum: first instantaneous readings, oldest first; then energy register readings beyond the first per device,
/// point and <see cref="KeepEnergyEveryMinutes"/> interval, oldest first. Frozen values and the first energy reading of
/// each interval are never evicted (they are what the daily estimation needs, DESIGN.md formula 1), so a buffer full of
/// them only can pass the maximum; size it for the longest outage to ride out (docs/gateway.md). Sealed batches (at most
/// two windows of the uplink) come on top.
/// </summary>
internal sealed class BufferLimits
{
    /// <summary>Readings waiting to be sealed at most before eviction (default 10,000,000, about 1 GB of SQLite).</summary>
    [Range(100, 1_000_000_000)]
    public long MaxReadings { get; set; } = 10_000_000;

    /// <summary>Interval of the energy readings that eviction keeps, minutes (default 15; one reading per device and point each).</summary>
    [Range(1, 1440)]
    public int KeepEnergyEveryMinutes { get; set; } = 15;
}
