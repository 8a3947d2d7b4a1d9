namespace CarbonEdge.Protocols.Modbus.Pdu;

/// <summary>Exception response PDU: function code | 0x80, exception code (2 bytes).</summary>
/// <remarks>Modbus Application Protocol V1.1b3 §7.</remarks>
public static class ExceptionPdu
{
    /// <summary>Length of an exception response PDU.</summary>
    public const int Length = 2;

    /// <summary>True when <paramref name="pdu"/> starts with a function code that has bit 7 set.</summary>
    public static bool IsException(ReadOnlySpan<byte> pdu) => !pdu.IsEmpty && (pdu[0] & ModbusPdu.ExceptionFlag) != 0;

    /// <summary>Writes the exception response to <paramref name="function"/>; returns 2.</summary>
    public static int Encode(Span<byte> destination, byte function, ModbusExceptionCode code)
    {
        destination[0] = (byte)(function | ModbusPdu.ExceptionFlag);
        destination[1] = (byte)code;
        return Length;
    }

    /// <summary>Decodes an exception response: the original function code (bit 7 cleared) and the exception code.</summary>
    public static DecodeStatus TryDecode(ReadOnlySpan<byte> pdu, out byte function, out ModbusExceptionCode code, out FrameError error)
    {
        function = 0;
        code = ModbusExceptionCode.None;
        var status = ModbusPdu.CheckLength(pdu.Length, Length, out error);
        if (status != DecodeStatus.Complete) return status;
        if ((pdu[0] & ModbusPdu.ExceptionFlag) == 0)
        {
            error = FrameError.UnexpectedFunction;
            return DecodeStatus.Invalid;
        }
        function = (byte)(pdu[0] & ~ModbusPdu.ExceptionFlag);
        code = (ModbusExceptionCode)pdu[1];
        return DecodeStatus.Complete;
    }
}
