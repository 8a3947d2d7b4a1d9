using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;

namespace CarbonEdge.Protocols.Dlt645.Messages;

/// <summary>Encoders for the requests a master sends. Each writes wake-up bytes and a whole frame; returns its length.</summary>
public static class Dlt645Requests
{
    /// <summary>Longest request this class writes, with the most wake-up bytes.</summary>
    public const int MaxLength = Dlt645Framing.MaxPreamble + Dlt645Framing.Overhead + 6;

    /// <summary>Read data: 11H with DI0..DI3 (2007) or 01H with DI0 DI1 (1997), by the identifier's version.</summary>
    /// <remarks>DL/T 645-2007 §7.3.2 (read data); DL/T 645-1997 §3.5.1.</remarks>
    public static int EncodeRead(Span<byte> destination, int preamble, Dlt645Address address, Dlt645DataIdentifier identifier)
    {
        Span<byte> data = stackalloc byte[identifier.Length];
        identifier.Write(data);
        var control = identifier.Version == Dlt645Version.V2007 ? Dlt645ControlCode.ReadData : Dlt645ControlCode.ReadData1997;
        return Dlt645Framing.Encode(destination, preamble, address, control, data);
    }

    /// <summary>Read follow-up data: 12H with DI0..DI3 and the sequence number of the frame wanted (1 for the first follow-up).</summary>
    /// <remarks>DL/T 645-2007 §7.3.3 (read follow-up data).</remarks>
    public static int EncodeReadFollowUp(Span<byte> destination, int preamble, Dlt645Address address, Dlt645DataIdentifier identifier, byte sequence)
    {
        Span<byte> data = stackalloc byte[5];
        identifier.Write(data);
        data[4] = sequence;
        return Dlt645Framing.Encode(destination, preamble, address, Dlt645ControlCode.ReadFollowUp, data);
    }

    /// <summary>Read address: 13H to the wildcard address, no data (point-to-point lines only).</summary>
    /// <remarks>DL/T 645-2007 §7.3.4 (read communication address).</remarks>
    public static int EncodeReadAddress(Span<byte> destination, int preamble) =>
        Dlt645Framing.Encode(destination, preamble, Dlt645Address.Wildcard, Dlt645ControlCode.ReadAddress, []);

    /// <summary>Broadcast time sync: 08H to 99…99 with ssmmhhDDMMYY (the meter's local time to set); meters do not reply.</summary>
    /// <remarks>DL/T 645-2007 §7.3.1 (broadcast time sync).</remarks>
    public static int EncodeTimeSync(Span<byte> destination, int preamble, DateTime meterLocalTime)
    {
        Span<byte> data = stackalloc byte[Dlt645DataFormat.SyncTime.Bytes];
        Dlt645ValueCodec.Encode(data, Dlt645DataFormat.SyncTime, Dlt645Value.OfTime(Dlt645FormatKind.DateTimeToSecond, meterLocalTime));
        return Dlt645Framing.Encode(destination, preamble, Dlt645Address.Broadcast, Dlt645ControlCode.BroadcastTimeSync, data);
    }
}
