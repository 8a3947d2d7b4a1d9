namespace CarbonEdge.Protocols.Modbus.Pdu;

/// <summary>06 Write Single Register: function, address, value. The normal response echoes the request.</summary>
/// <remarks>Modbus Application Protocol V1.1b3 §6.6.</remarks>
public static class WriteSingleRegisterPdu
{
    /// <summary>Request and response PDU length.</summary>
    public const int Length = 5;

    /// <summary>Writes the request (or its echo response); returns 5.</summary>
    public static int Encode(Span<byte> destination, ushort address, ushort value) =>
        ModbusPdu.WriteAddressAndValue(destination, (byte)ModbusFunctionCode.WriteSingleRegister, address, value);

    /// <summary>Decodes a request or response.</summary>
    public static DecodeStatus TryDecode(ReadOnlySpan<byte> pdu, out ushort address, out ushort value, out FrameError error) =>
        ModbusPdu.ReadAddressAndValue(pdu, out address, out value, out error);
}
