using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;

namespace CarbonEdge.Protocols.Dlt645.Messages;

/// <summary>
/// A reply to read data (11H/01H) or read follow-up (12H), checked against its request: either values (plain bytes,
/// copied out of the frame without the 33H offset) or the meter's error word.
/// </summary>
/// <param name="IsError">True for an abnormal reply (D1H, D2H, C1H): <see cref="ErrorWord"/> is set, no values.</param>
/// <param name="ErrorWord">The error word (2007: <see cref="Dlt645ErrorWord"/>; 1997: <see cref="Dlt645ErrorWord1997"/>).</param>
/// <param name="More">True when follow-up frames exist (B1H, B2H, A1H).</param>
/// <param name="ValueLength">Bytes of values copied.</param>
/// <param name="Sequence">SEQ of a follow-up reply (92H/B2H); 0 otherwise.</param>
/// <remarks>DL/T 645-2007 §7.3.2 (read data replies), §7.3.3 (follow-up replies: DI, data, SEQ); DL/T 645-1997 §3.5.1.</remarks>
public readonly record struct Dlt645ReadReply(bool IsError, byte ErrorWord, bool More, int ValueLength, byte Sequence)
{
    /// <summary>
    /// Checks <paramref name="frame"/> as the reply to a read of <paramref name="identifier"/> sent to
    /// <paramref name="requested"/> (<paramref name="followUp"/>: a 12H read), copies the values into
    /// <paramref name="values"/> and returns <see cref="Dlt645FrameError.None"/>, or says what is wrong.
    /// </summary>
    public static Dlt645FrameError TryParse(in Dlt645Frame frame, Dlt645Address requested, Dlt645DataIdentifier identifier, bool followUp,
        Span<byte> values, out Dlt645ReadReply reply)
    {
        reply = default;
        if (!requested.Matches(frame.Address)) return Dlt645FrameError.WrongAddress;
        var request = identifier.Version == Dlt645Version.V1997 ? Dlt645ControlCode.ReadData1997
            : followUp ? Dlt645ControlCode.ReadFollowUp : Dlt645ControlCode.ReadData;
        byte control = (byte)frame.Control;
        if ((control & Dlt645ControlBits.FunctionMask) != (byte)request || (control & Dlt645ControlBits.Reply) == 0)
        {
            return Dlt645FrameError.UnexpectedControlCode;
        }
        Span<byte> plain = stackalloc byte[Dlt645Framing.MaxDataLength];
        int length = frame.CopyData(plain);
        if ((control & Dlt645ControlBits.Abnormal) != 0)
        {
            if (length != 1) return Dlt645FrameError.BadLength;
            reply = new Dlt645ReadReply(true, plain[0], false, 0, 0);
            return Dlt645FrameError.None;
        }
        int trailer = followUp ? 1 : 0;
        if (length < identifier.Length + trailer) return Dlt645FrameError.BadLength;
        if (Dlt645DataIdentifier.Read(plain, identifier.Version) != identifier) return Dlt645FrameError.WrongDataIdentifier;
        int valueLength = length - identifier.Length - trailer;
        if (values.Length < valueLength) return Dlt645FrameError.BadLength;
        plain.Slice(identifier.Length, valueLength).CopyTo(values);
        reply = new Dlt645ReadReply(false, 0, (control & Dlt645ControlBits.FollowUp) != 0, valueLength, followUp ? plain[length - 1] : (byte)0);
        return Dlt645FrameError.None;
    }
}
