namespace CarbonEdge.Protocols.Channels;

/// <summary>
/// A request found its <see cref="BusLine"/> down: the port could not be opened, broke, or its device path vanished
/// (<see cref="PortGone"/>: a USB adapter pulled). Thrown at once, without touching the port, while the line waits out
/// its reopen back-off.
/// </summary>
public sealed class BusDownException : ChannelException
{
    /// <summary>Creates the exception.</summary>
    public BusDownException(string message, bool portGone, Exception? innerException = null) : base(message, innerException) => PortGone = portGone;

    /// <summary>True when the port's device path does not exist (unplugged), false for other failures (refused, broke).</summary>
    public bool PortGone { get; }
}
