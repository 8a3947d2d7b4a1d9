namespace CarbonEdge.Protocols.Modbus.Pdu;

/// <summary>
/// 05 Write Single Coil: function, address, value 0xFF00 (on) or 0x0000 (off). The normal response echoes the request.
/// </summary>
/// <remarks>Modbus Application Protocol V1.1b3 §6.5.</remarks>
public static class WriteSingleCoilPdu
{
    /// <summary>Wire value of a coil that is on.</summary>
    public const ushort On = 0xFF00;

    /// <summary>Request and response PDU length.</summary>
    public const int Length = 5;

    /// <summary>Writes the request (or its echo response); returns 5.</summary>
    public static int Encode(Span<byte> destination, ushort address, bool value) =>
        ModbusPdu.WriteAddressAndValue(destination, (byte)ModbusFunctionCode.WriteSingleCoil, address, value ? On : (ushort)0);

    /// <summary>Decodes a request or response; Invalid with <see cref="FrameError.BadValue"/> for values other than 0xFF00/0x0000.</summary>
    public static DecodeStatus TryDecode(ReadOnlySpan<byte> pdu, out ushort address, out bool value, out FrameError error)
    {
        value = false;
        var status = ModbusPdu.ReadAddressAndValue(pdu, out address, out ushort raw, out error);
        if (status != DecodeStatus.Complete) return status;
        if (raw is not (On or 0))
        {
            error = FrameError.BadValue;
            return DecodeStatus.Invalid;
        }
        value = raw == On;
        return DecodeStatus.Complete;
    }
}
