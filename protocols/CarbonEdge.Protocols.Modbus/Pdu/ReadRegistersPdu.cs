namespace CarbonEdge.Protocols.Modbus.Pdu;

/// <summary>
/// 03 Read Holding Registers and 04 Read Input Registers. Request: function, start address, quantity (5 bytes);
/// response: function, byte count (2 x quantity), registers big-endian.
/// </summary>
/// <remarks>Modbus Application Protocol V1.1b3 §6.3 and §6.4.</remarks>
public static class ReadRegistersPdu
{
    /// <summary>Largest quantity of registers one request may read (0x7D).</summary>
    public const int MaxCount = 125;

    /// <summary>Request PDU length.</summary>
    public const int RequestLength = 5;

    /// <summary>Response PDU length for <paramref name="count"/> registers.</summary>
    public static int ResponseLength(int count) => 2 + 2 * count;

    /// <summary>Writes the request; returns 5.</summary>
    public static int EncodeRequest(Span<byte> destination, ModbusFunctionCode function, ushort startAddress, ushort count) =>
        ModbusPdu.WriteAddressAndValue(destination, (byte)function, startAddress, count);

    /// <summary>Decodes a request (the function code is <c>pdu[0]</c>); quantity range checks are the server's.</summary>
    public static DecodeStatus TryDecodeRequest(ReadOnlySpan<byte> pdu, out ushort startAddress, out ushort count, out FrameError error) =>
        ModbusPdu.ReadAddressAndValue(pdu, out startAddress, out count, out error);

    /// <summary>Writes the response carrying <paramref name="registers"/>; returns its length.</summary>
    public static int EncodeResponse(Span<byte> destination, ModbusFunctionCode function, ReadOnlySpan<ushort> registers)
    {
        destination[0] = (byte)function;
        destination[1] = (byte)(registers.Length * 2);
        RegisterBytes.Write(registers, destination[2..]);
        return ResponseLength(registers.Length);
    }

    /// <summary>
    /// Decodes a normal response into <paramref name="registers"/>, whose length is the quantity requested:
    /// Invalid with <see cref="FrameError.BadByteCount"/> when the byte count says otherwise.
    /// </summary>
    public static DecodeStatus TryDecodeResponse(ReadOnlySpan<byte> pdu, Span<ushort> registers, out FrameError error)
    {
        error = FrameError.None;
        if (pdu.Length < 2) return DecodeStatus.NeedMoreData;
        if (pdu[1] != registers.Length * 2)
        {
            error = FrameError.BadByteCount;
            return DecodeStatus.Invalid;
        }
        var status = ModbusPdu.CheckLength(pdu.Length, ResponseLength(registers.Length), out error);
        if (status != DecodeStatus.Complete) return status;
        RegisterBytes.Read(pdu[2..], registers);
        return DecodeStatus.Complete;
    }
}
