using CarbonEdge.Protocols.Modbus.Pdu;

namespace CarbonEdge.Protocols.Modbus;

/// <summary>
/// Base of every error the Modbus library reports: catch this to handle any failed exchange
/// (device exception, garbled frame, timeout, lost connection) in one place.
/// </summary>
public class ModbusException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public ModbusException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public ModbusException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>
/// The device answered with an exception response (function code + 0x80 and an exception code).
/// </summary>
/// <remarks>Modbus Application Protocol V1.1b3 §7 (MODBUS Exception Responses).</remarks>
public sealed class ModbusServerException : ModbusException
{
    /// <summary>Creates the exception for <paramref name="exceptionCode"/> returned to <paramref name="function"/>.</summary>
    public ModbusServerException(ModbusExceptionCode exceptionCode, ModbusFunctionCode function = 0)
        : base($"device answered exception 0x{(byte)exceptionCode:X2} ({ModbusExceptionCodes.Describe(exceptionCode)})" +
               (function == 0 ? "" : $" to function 0x{(byte)function:X2}"))
    {
        ExceptionCode = exceptionCode;
        Function = function;
    }

    /// <summary>The exception code the device returned.</summary>
    public ModbusExceptionCode ExceptionCode { get; }

    /// <summary>The function code of the request that failed (0 when unknown).</summary>
    public ModbusFunctionCode Function { get; }
}

/// <summary>
/// A response broke the protocol: bad CRC, wrong unit id or transaction id, unexpected function code,
/// byte count that does not match the request, truncated or oversized frame.
/// </summary>
public sealed class ModbusProtocolException : ModbusException
{
    /// <summary>Creates the exception for <paramref name="error"/> with details.</summary>
    public ModbusProtocolException(FrameError error, string message) : base(message) => Error = error;

    /// <summary>What was wrong with the frame.</summary>
    public FrameError Error { get; }
}

/// <summary>No (complete) response arrived within the response timeout.</summary>
public sealed class ModbusTimeoutException : ModbusException
{
    /// <summary>Creates the exception for a wait of <paramref name="timeout"/>.</summary>
    public ModbusTimeoutException(TimeSpan timeout, string? detail = null)
        : base($"no response within {timeout.TotalMilliseconds:0} ms" + (detail is null ? "" : $" ({detail})")) => Timeout = timeout;

    /// <summary>The response timeout that expired.</summary>
    public TimeSpan Timeout { get; }
}

/// <summary>
/// The connection or serial port could not be opened, was refused, or broke during an exchange.
/// Wraps the socket or I/O error at the transport boundary.
/// </summary>
public sealed class ModbusConnectionException : ModbusException
{
    /// <summary>Creates the exception with a message and the underlying socket or I/O error.</summary>
    public ModbusConnectionException(string message, Exception? innerException = null) : base(message, innerException) { }
}
