using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;

namespace CarbonEdge.Protocols.Dlt645.Messages;

/// <summary>Encoders for the replies a meter sends (used by the simulator). Each returns the bytes written.</summary>
/// <remarks>DL/T 645-2007 §7.3.2–7.3.4; DL/T 645-1997 §3.5.1.</remarks>
public static class Dlt645Replies
{
    /// <summary>Normal reply to read data: 91H (or B1H with <paramref name="more"/>) with DI and values; 81H/A1H for 1997.</summary>
    public static int EncodeRead(Span<byte> destination, int preamble, Dlt645Address address, Dlt645DataIdentifier identifier, ReadOnlySpan<byte> plainValues, bool more)
    {
        Span<byte> data = stackalloc byte[Dlt645Framing.MaxDataLength];
        identifier.Write(data);
        plainValues.CopyTo(data[identifier.Length..]);
        var control = identifier.Version == Dlt645Version.V2007
            ? more ? Dlt645ControlCode.ReadDataReplyMore : Dlt645ControlCode.ReadDataReply
            : more ? Dlt645ControlCode.ReadDataReplyMore1997 : Dlt645ControlCode.ReadDataReply1997;
        return Dlt645Framing.Encode(destination, preamble, address, control, data[..(identifier.Length + plainValues.Length)]);
    }

    /// <summary>Normal reply to read follow-up: 92H (or B2H with <paramref name="more"/>) with DI, values and SEQ.</summary>
    public static int EncodeFollowUp(Span<byte> destination, int preamble, Dlt645Address address, Dlt645DataIdentifier identifier, ReadOnlySpan<byte> plainValues, byte sequence, bool more)
    {
        Span<byte> data = stackalloc byte[Dlt645Framing.MaxDataLength];
        identifier.Write(data);
        plainValues.CopyTo(data[4..]);
        data[4 + plainValues.Length] = sequence;
        var control = more ? Dlt645ControlCode.ReadFollowUpReplyMore : Dlt645ControlCode.ReadFollowUpReply;
        return Dlt645Framing.Encode(destination, preamble, address, control, data[..(5 + plainValues.Length)]);
    }

    /// <summary>Abnormal reply with an error word: <paramref name="request"/> | C0H (D1H to 11H, D2H to 12H, C1H to 1997's 01H).</summary>
    public static int EncodeError(Span<byte> destination, int preamble, Dlt645Address address, Dlt645ControlCode request, byte errorWord) =>
        Dlt645Framing.Encode(destination, preamble, address, (Dlt645ControlCode)((byte)request | Dlt645ControlBits.Reply | Dlt645ControlBits.Abnormal), [errorWord]);

    /// <summary>Reply to read address: 93H with the meter's address as data.</summary>
    public static int EncodeReadAddress(Span<byte> destination, int preamble, Dlt645Address address)
    {
        Span<byte> data = stackalloc byte[Dlt645Address.Length];
        address.Write(data);
        return Dlt645Framing.Encode(destination, preamble, address, Dlt645ControlCode.ReadAddressReply, data);
    }
}
