namespace CarbonEdge.Protocols.Channels;

/// <summary>
/// A byte channel could not be opened (refused, unreachable, no such port, a setting the port refuses), broke, or was
/// closed. The message names the channel (<see cref="IByteChannel.Name"/>) and says what to check; the socket or I/O
/// error that caused it, if any, is the inner exception. Protocol transports wrap it into their own connection error
/// at their boundary.
/// </summary>
public class ChannelException : IOException
{
    /// <summary>Creates the exception with a message and the underlying socket or I/O error.</summary>
    public ChannelException(string message, Exception? innerException = null) : base(message, innerException) { }
}
