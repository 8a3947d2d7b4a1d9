using System.Buffers.Binary;
using CarbonEdge.Protocols.Modbus.Pdu;

namespace CarbonEdge.Protocols.Modbus.Framing;

/// <summary>A decoded Modbus TCP ADU: MBAP header fields and the PDU (a slice of the input).</summary>
/// <param name="TransactionId">Transaction identifier, echoed by the server.</param>
/// <param name="UnitId">Unit identifier (the serial address behind a gateway; 0xFF or 0 for a plain TCP device).</param>
/// <param name="Pdu">Function code and data.</param>
public readonly ref struct MbapFrame(ushort TransactionId, byte UnitId, ReadOnlySpan<byte> Pdu)
{
    /// <summary>Transaction identifier.</summary>
    public ushort TransactionId { get; } = TransactionId;

    /// <summary>Unit identifier.</summary>
    public byte UnitId { get; } = UnitId;

    /// <summary>The PDU.</summary>
    public ReadOnlySpan<byte> Pdu { get; } = Pdu;
}

/// <summary>
/// Modbus TCP framing: the 7-byte MBAP header (transaction id, protocol id 0, length of unit id + PDU, unit id),
/// all big-endian, then the PDU.
/// </summary>
/// <remarks>Modbus Messaging on TCP/IP Implementation Guide V1.0b §3.1.3 (MBAP header); ADU at most 260 bytes.</remarks>
public static class MbapFraming
{
    /// <summary>MBAP header length including the unit id.</summary>
    public const int HeaderLength = 7;

    /// <summary>Largest Modbus TCP ADU.</summary>
    public const int MaxAduLength = HeaderLength + ModbusPdu.MaxLength;

    /// <summary>Writes header and PDU; returns the ADU length.</summary>
    public static int Encode(Span<byte> destination, ushort transactionId, byte unitId, ReadOnlySpan<byte> pdu)
    {
        WriteHeader(destination, transactionId, unitId, pdu.Length);
        pdu.CopyTo(destination[HeaderLength..]);
        return HeaderLength + pdu.Length;
    }

    /// <summary>Writes the header for a PDU of <paramref name="pduLength"/> bytes that follows it.</summary>
    public static void WriteHeader(Span<byte> destination, ushort transactionId, byte unitId, int pduLength)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, transactionId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], (ushort)(pduLength + 1));
        destination[6] = unitId;
    }

    /// <summary>
    /// Decodes one ADU from the start of <paramref name="input"/>. NeedMoreData consumes nothing. Invalid with
    /// <see cref="FrameError.BadProtocolId"/> consumes the frame its length field delimits (it can be skipped);
    /// with <see cref="FrameError.BadLength"/> (length field outside 2..254) consumes nothing: the stream has lost
    /// sync and the connection should be closed.
    /// </summary>
    public static DecodeStatus TryDecode(ReadOnlySpan<byte> input, out MbapFrame frame, out int consumed, out FrameError error)
    {
        frame = default;
        consumed = 0;
        error = FrameError.None;
        if (input.Length < 6) return DecodeStatus.NeedMoreData;
        int length = BinaryPrimitives.ReadUInt16BigEndian(input[4..]);
        if (length < 2 || length > ModbusPdu.MaxLength + 1)
        {
            error = FrameError.BadLength;
            return DecodeStatus.Invalid;
        }
        int total = 6 + length;
        if (input.Length < total) return DecodeStatus.NeedMoreData;
        consumed = total;
        if (BinaryPrimitives.ReadUInt16BigEndian(input[2..]) != 0)
        {
            error = FrameError.BadProtocolId;
            return DecodeStatus.Invalid;
        }
        frame = new MbapFrame(BinaryPrimitives.ReadUInt16BigEndian(input), input[6], input[HeaderLength..total]);
        return DecodeStatus.Complete;
    }
}
