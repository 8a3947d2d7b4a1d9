using CarbonEdge.Protocols.Channels;

namespace CarbonEdge.Edge.Devices;

/// <summary>
/// The reason a device's readings carry while its serial bus is down: <c>port-gone</c> (the port's device path
/// vanished: a USB adapter pulled) or <c>bus-down</c> (the port cannot be opened or broke). The bus logs the change
/// once; devices neither log each failed read nor back themselves off for it, so polling resumes as soon as the bus is back.
/// </summary>
internal static class BusDownReason
{
    /// <summary>Reason of a port that vanished.</summary>
    public const string PortGone = "port-gone";

    /// <summary>Reason of a port that cannot be opened or broke.</summary>
    public const string BusDown = "bus-down";

    /// <summary>The reason when <paramref name="error"/> (a protocol's connection error) was caused by a down bus, else null.</summary>
    public static string? Of(Exception error) =>
        error.InnerException is BusDownException down ? down.PortGone ? PortGone : BusDown : null;

    /// <summary>True for the reasons above.</summary>
    public static bool Is(string? reason) => reason is PortGone or BusDown;
}
