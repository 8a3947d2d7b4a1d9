using System.Buffers.Binary;
using CarbonEdge.Protocols.Modbus.Pdu;

namespace CarbonEdge.Protocols.Modbus.Framing;

/// <summary>A decoded RTU frame: address and PDU (a slice of the input; the CRC has been checked).</summary>
/// <param name="UnitId">Slave address: 0 broadcast, 1-247 devices.</param>
/// <param name="Pdu">Function code and data.</param>
public readonly ref struct RtuFrame(byte UnitId, ReadOnlySpan<byte> Pdu)
{
    /// <summary>Slave address.</summary>
    public byte UnitId { get; } = UnitId;

    /// <summary>The PDU.</summary>
    public ReadOnlySpan<byte> Pdu { get; } = Pdu;
}

/// <summary>
/// Modbus RTU framing: address (1 byte), PDU, CRC-16 low byte first; at most 256 bytes. The end of a frame is
/// found from the length its function code implies; for function codes this library does not know, by the
/// 3.5-character silence that follows it (the caller says when that silence has been seen).
/// </summary>
/// <remarks>Modbus over Serial Line V1.02 §2.5.1 (RTU transmission mode, frame description, t3.5).</remarks>
public static class RtuFraming
{
    /// <summary>Largest RTU ADU.</summary>
    public const int MaxAduLength = 256;

    /// <summary>Address and CRC around the PDU.</summary>
    public const int Overhead = 3;

    /// <summary>Writes address, PDU and CRC; returns the ADU length.</summary>
    public static int Encode(Span<byte> destination, byte unitId, ReadOnlySpan<byte> pdu)
    {
        destination[0] = unitId;
        pdu.CopyTo(destination[1..]);
        int length = 1 + pdu.Length;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[length..], ModbusCrc.Compute(destination[..length]));
        return length + 2;
    }

    /// <summary>Decodes a request frame (as a server reads it); see <see cref="TryDecode"/>.</summary>
    public static DecodeStatus TryDecodeRequest(ReadOnlySpan<byte> input, bool silenceFollows, out RtuFrame frame, out int consumed, out FrameError error) =>
        TryDecode(input, isRequest: true, silenceFollows, out frame, out consumed, out error);

    /// <summary>Decodes a response frame (as a client reads it); see <see cref="TryDecode"/>.</summary>
    public static DecodeStatus TryDecodeResponse(ReadOnlySpan<byte> input, bool silenceFollows, out RtuFrame frame, out int consumed, out FrameError error) =>
        TryDecode(input, isRequest: false, silenceFollows, out frame, out consumed, out error);

    /// <summary>
    /// Decodes one frame from the start of <paramref name="input"/>. Without <paramref name="silenceFollows"/>,
    /// a valid prefix (or a frame of unknown function code) is NeedMoreData and consumes nothing. With it
    /// (the line has been silent for t3.5 after the last byte), the input must hold a whole frame: a shorter one
    /// is Invalid <see cref="FrameError.BadLength"/>. Complete only when the CRC matches; a CRC mismatch is
    /// Invalid <see cref="FrameError.BadCrc"/>. Invalid consumes the bytes judged (at least one).
    /// </summary>
    public static DecodeStatus TryDecode(ReadOnlySpan<byte> input, bool isRequest, bool silenceFollows,
        out RtuFrame frame, out int consumed, out FrameError error)
    {
        frame = default;
        consumed = 0;
        error = FrameError.None;
        int pduLength = 0;
        var status = input.Length < 2
            ? DecodeStatus.NeedMoreData
            : isRequest
                ? ModbusPdu.TryGetRequestLength(input[1..], out pduLength, out error)
                : ModbusPdu.TryGetResponseLength(input[1..], out pduLength, out error);
        int total;
        if (status == DecodeStatus.Complete)
        {
            total = 1 + pduLength + 2;
            if (pduLength > ModbusPdu.MaxLength)
            {
                return Reject(input, FrameError.BadLength, Math.Min(input.Length, MaxAduLength), out consumed, out error);
            }
            if (input.Length < total)
            {
                return silenceFollows ? Reject(input, FrameError.BadLength, input.Length, out consumed, out error) : DecodeStatus.NeedMoreData;
            }
        }
        else if (!silenceFollows)
        {
            error = FrameError.None;
            return input.Length > MaxAduLength ? Reject(input, FrameError.BadLength, input.Length, out consumed, out error) : DecodeStatus.NeedMoreData;
        }
        else
        {
            // Unknown function code or a truncated header: the silence ends the frame.
            total = input.Length;
            if (total < 4 || total > MaxAduLength) return Reject(input, FrameError.BadLength, total, out consumed, out error);
        }
        var adu = input[..total];
        if (ModbusCrc.Compute(adu[..^2]) != BinaryPrimitives.ReadUInt16LittleEndian(adu[^2..]))
        {
            return Reject(input, FrameError.BadCrc, total, out consumed, out error);
        }
        error = FrameError.None;
        consumed = total;
        frame = new RtuFrame(adu[0], adu[1..^2]);
        return DecodeStatus.Complete;
    }

    private static DecodeStatus Reject(ReadOnlySpan<byte> input, FrameError reason, int length, out int consumed, out FrameError error)
    {
        consumed = Math.Max(1, Math.Min(length, input.Length));
        error = reason;
        return DecodeStatus.Invalid;
    }
}
