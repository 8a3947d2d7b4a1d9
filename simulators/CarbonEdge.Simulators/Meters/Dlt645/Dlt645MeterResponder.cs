using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;
using CarbonEdge.Protocols.Dlt645.Messages;

namespace CarbonEdge.Simulators.Meters.Dlt645;

/// <summary>
/// The protocol side of a simulated DL/T 645 meter (no I/O): answers read data (11H; 01H for a 1997 meter), read
/// follow-up (12H), read address (13H, to its own or the wildcard address) and applies broadcast time syncs (08H, no
/// reply). An identifier the catalogue lacks gets D1H (C1H) with "no requested data". Frames for other meters are
/// ignored, as on a shared bus.
/// </summary>
/// <remarks>DL/T 645-2007 §7.3.1–7.3.4; DL/T 645-1997 §3.5.</remarks>
internal sealed class Dlt645MeterResponder(Dlt645Address address, Dlt645Version version, Dlt645MeterValues values, Dlt645MeterClock clock, Dlt645MeterFaults faults)
{
    /// <summary>Values per frame when block replies are split into follow-up frames.</summary>
    public const int ValuesPerFrame = 2;

    private readonly Lock _lock = new();
    private byte[] _pending = [];
    private Dlt645DataIdentifier _pendingId;
    private int _pendingValueBytes;

    /// <summary>This meter's address.</summary>
    public Dlt645Address Address => address;

    /// <summary>Requests answered (all kinds), time syncs seen, frames for other meters.</summary>
    public int Requests { get; private set; }

    /// <summary>
    /// Writes the reply to <paramref name="request"/> into <paramref name="reply"/> (with the configured wake-up bytes)
    /// and returns its length; 0 when no reply is due (broadcast, another meter's frame, a reply frame on the bus).
    /// Faults that change the bytes (address, error word) are applied here when <paramref name="faulty"/>.
    /// </summary>
    public int Respond(in Dlt645Frame request, Span<byte> reply, bool faulty)
    {
        if (Dlt645ControlBits.IsReply(request.Control)) return 0;
        Span<byte> plain = stackalloc byte[Dlt645Framing.MaxDataLength];
        int length = request.CopyData(plain);
        var data = plain[..length];
        if (request.Control == Dlt645ControlCode.BroadcastTimeSync)
        {
            if (request.Address.IsBroadcast && Dlt645ValueCodec.TryDecode(data, Dlt645DataFormat.SyncTime, out var time)) clock.TrySync(time.Time);
            return 0;
        }
        var replyAddress = faulty && faults.WrongAddress ? Next(address) : address;
        if (request.Control == Dlt645ControlCode.ReadAddress && (request.Address == Dlt645Address.Wildcard || request.Address == address))
        {
            Requests++;
            return Dlt645Replies.EncodeReadAddress(reply, faults.Preamble, replyAddress);
        }
        if (!request.Address.Matches(address) || request.Address.IsBroadcast) return 0;
        var read = version == Dlt645Version.V2007 ? Dlt645ControlCode.ReadData : Dlt645ControlCode.ReadData1997;
        if (request.Control == read && length == (version == Dlt645Version.V2007 ? 4 : 2))
        {
            Requests++;
            return ReadData(Dlt645DataIdentifier.Read(data, version), replyAddress, reply, faulty);
        }
        if (request.Control == Dlt645ControlCode.ReadFollowUp && version == Dlt645Version.V2007 && length == 5)
        {
            Requests++;
            return ReadFollowUp(Dlt645DataIdentifier.Read(data, version), data[4], replyAddress, reply, faulty);
        }
        Requests++;
        return Dlt645Replies.EncodeError(reply, faults.Preamble, replyAddress, request.Control, (byte)Dlt645ErrorWord.OtherError);
    }

    private int ReadData(Dlt645DataIdentifier id, Dlt645Address replyAddress, Span<byte> reply, bool faulty)
    {
        if (faulty && faults.ErrorWord != 0) return Dlt645Replies.EncodeError(reply, faults.Preamble, replyAddress, ReadCode, faults.ErrorWord);
        if (!Dlt645Catalog.TryGet(id, out var item) || id.Version != version)
        {
            byte noData = version == Dlt645Version.V2007 ? (byte)Dlt645ErrorWord.NoRequestedData : (byte)Dlt645ErrorWord1997.BadDataIdentifier;
            return Dlt645Replies.EncodeError(reply, faults.Preamble, replyAddress, ReadCode, noData);
        }
        var shown = values.Read(item);
        var bytes = new byte[shown.Count * item.Format.Bytes];
        for (int i = 0; i < shown.Count; i++) Dlt645ValueCodec.Encode(bytes.AsSpan(i * item.Format.Bytes), item.Format, shown[i]);
        int perFrame = ValuesPerFrame * item.Format.Bytes;
        if (faults.FollowUp && version == Dlt645Version.V2007 && bytes.Length > perFrame)
        {
            lock (_lock)
            {
                _pending = bytes;
                _pendingId = id;
                _pendingValueBytes = perFrame;
            }
            return Dlt645Replies.EncodeRead(reply, faults.Preamble, replyAddress, id, bytes.AsSpan(0, perFrame), more: true);
        }
        return Dlt645Replies.EncodeRead(reply, faults.Preamble, replyAddress, id, bytes, more: false);
    }

    private int ReadFollowUp(Dlt645DataIdentifier id, byte sequence, Dlt645Address replyAddress, Span<byte> reply, bool faulty)
    {
        if (faulty && faults.ErrorWord != 0) return Dlt645Replies.EncodeError(reply, faults.Preamble, replyAddress, Dlt645ControlCode.ReadFollowUp, faults.ErrorWord);
        byte[] pending;
        int perFrame;
        lock (_lock)
        {
            (pending, perFrame) = id == _pendingId ? (_pending, _pendingValueBytes) : ([], 1);
        }
        int offset = (sequence) * perFrame;
        if (sequence == 0 || offset >= pending.Length)
        {
            return Dlt645Replies.EncodeError(reply, faults.Preamble, replyAddress, Dlt645ControlCode.ReadFollowUp, (byte)Dlt645ErrorWord.NoRequestedData);
        }
        int count = Math.Min(perFrame, pending.Length - offset);
        bool more = offset + count < pending.Length;
        return Dlt645Replies.EncodeFollowUp(reply, faults.Preamble, replyAddress, id, pending.AsSpan(offset, count), sequence, more);
    }

    private Dlt645ControlCode ReadCode => version == Dlt645Version.V2007 ? Dlt645ControlCode.ReadData : Dlt645ControlCode.ReadData1997;

    private static Dlt645Address Next(Dlt645Address address) =>
        Dlt645Address.FromNumber((long.Parse(address.ToString(), System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000_000_000L);
}
