namespace CarbonEdge.Protocols.Channels;

/// <summary>State of a <see cref="BusLine"/>.</summary>
public enum BusLineState
{
    /// <summary>Not opened yet (no request so far).</summary>
    NotOpened,

    /// <summary>Opened and working.</summary>
    Up,

    /// <summary>Could not be opened, or broke (port gone, connection lost); reopened after its back-off by the next request.</summary>
    Down,
}
