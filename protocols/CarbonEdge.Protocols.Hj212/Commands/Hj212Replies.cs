using System.Globalization;
using CarbonEdge.Protocols.Hj212.Segment;

namespace CarbonEdge.Protocols.Hj212.Commands;

/// <summary>The packets an upper platform sends to a data-acquisition unit: request reply, data reply, set time.</summary>
/// <remarks>HJ 212-2017 §6.6 (command interaction) and Appendix C (examples): replies carry ST=91 (system interaction), the QN of the packet answered, and a Flag without bit A.</remarks>
public static class Hj212Replies
{
    /// <summary>System code of system interaction (ST=91).</summary>
    public const string InteractionSt = "91";

    /// <summary>9011 request reply to <paramref name="request"/> with <c>QnRtn</c>.</summary>
    public static Hj212Packet RequestReply(Hj212Packet request, Hj212RequestResult result) =>
        new(request.Qn, InteractionSt, Hj212CommandCode.RequestReply, request.Pw, request.Mn, ReplyFlag(request), null, null,
            "QnRtn=" + ((int)result).ToString(CultureInfo.InvariantCulture));

    /// <summary>9014 data reply to a data packet sent with Flag bit A (CP empty).</summary>
    public static Hj212Packet DataReply(Hj212Packet data) =>
        new(data.Qn, InteractionSt, Hj212CommandCode.DataReply, data.Pw, data.Mn, ReplyFlag(data), null, null, "");

    /// <summary>1012 set time: the platform sets the unit's clock to <paramref name="localTime"/> (the station's local time); the unit answers 9011 then 9012.</summary>
    /// <param name="qn">The request's QN, usually the platform's time of sending (<see cref="Hj212Time.FormatQn"/>).</param>
    /// <param name="st">The station's system code.</param>
    /// <param name="pw">The station's password.</param>
    /// <param name="mn">The station's MN.</param>
    /// <param name="localTime">The time to set.</param>
    /// <param name="polId">The instrument (pollutant code) whose clock to set, or null for the unit itself.</param>
    public static Hj212Packet SetTime(string qn, string st, string pw, string mn, DateTime localTime, string? polId = null) =>
        new(qn, st, Hj212CommandCode.SetTime, pw, mn, new Hj212Flag(Hj212Flag.Version2017, false, true), null, null,
            (polId is null ? "" : $"PolId={polId};") + "SystemTime=" + Hj212Time.Format(localTime));

    private static Hj212Flag ReplyFlag(Hj212Packet answered) =>
        new(answered.Flag?.Version ?? Hj212Flag.Version2017, false, false);
}
