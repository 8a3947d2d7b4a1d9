using CarbonEdge.Protocols.Channels;

namespace CarbonEdge.Edge.Devices;

/// <summary>A serial bus of the gateway: its name (from <c>serialBuses</c>, or the port path), port path and line.</summary>
internal sealed record SerialBus(string Name, string Port, BusLine Line)
{
    /// <summary><c>up</c>, <c>down</c> or <c>not-opened</c>.</summary>
    public string State => Line.State switch { BusLineState.Up => "up", BusLineState.Down => "down", _ => "not-opened" };
}
