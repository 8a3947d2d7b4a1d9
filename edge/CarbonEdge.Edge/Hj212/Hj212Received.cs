using CarbonEdge.Protocols.Hj212.Framing;
using CarbonEdge.Protocols.Hj212.Segment;

namespace CarbonEdge.Edge.Hj212;

/// <summary>One packet (or rejected run of bytes) that arrived on an HJ 212 link.</summary>
/// <param name="Remote">The unit's address, <c>ip:port</c>.</param>
/// <param name="Raw">The bytes exactly as received (what a relay forwards).</param>
/// <param name="Frame">The framed packet; null when the framing rejected the bytes.</param>
/// <param name="Packet">The data segment's fields; null when rejected.</param>
/// <param name="Whole">The packet to take data from: <see cref="Packet"/> itself, or for the last missing part of a split packet the reassembled whole; null while parts are missing or when rejected.</param>
/// <param name="Rejection">Why the bytes were rejected (<c>bad_header</c>, <c>bad_length</c>, <c>bad_crc</c>, <c>garbled_segment</c>, <c>missing_field</c>, <c>bad_cn</c>, <c>bad_flag</c>, <c>bad_qn</c>); null when accepted by the codec.</param>
/// <param name="Detail">A sentence about the rejection.</param>
internal sealed record Hj212Received(string Remote, byte[] Raw, Hj212Frame? Frame, Hj212Packet? Packet, Hj212Packet? Whole, string? Rejection, string? Detail)
{
    /// <summary>The reason word of a framing error.</summary>
    public static string ReasonOf(Hj212FrameError error) => error switch
    {
        Hj212FrameError.BadHeader => "bad_header",
        Hj212FrameError.BadLength => "bad_length",
        _ => "bad_crc",
    };

    /// <summary>The reason word of a data-segment error.</summary>
    public static string ReasonOf(Hj212SegmentError error) => error switch
    {
        Hj212SegmentError.MissingField => "missing_field",
        Hj212SegmentError.BadCn => "bad_cn",
        Hj212SegmentError.BadFlag => "bad_flag",
        Hj212SegmentError.BadQn => "bad_qn",
        Hj212SegmentError.GarbledCp => "garbled_cp",
        _ => "garbled_segment",
    };
}

/// <summary>What a link does with what arrives: the gateway input turns it into readings, <c>cedge read hj212</c> prints it.</summary>
internal interface IHj212LinkHandler
{
    /// <summary>Handles one arrival; returns the packets to send back to the unit on the same link (replies, set time).</summary>
    ValueTask<IReadOnlyList<Hj212Packet>> ReceivedAsync(Hj212Received received, CancellationToken cancellationToken);
}
