using CarbonEdge.Protocols.Hj212.Commands;

namespace CarbonEdge.Protocols.Hj212.Segment;

/// <summary>The fields of a data segment.</summary>
/// <remarks>HJ 212-2017 §6.3.2, Table 4 (data segment structure): <c>QN=..;ST=..;CN=..;PW=..;MN=..;Flag=..;PNUM=..;PNO=..;CP=&amp;&amp;..&amp;&amp;</c>.</remarks>
/// <param name="Qn">Request number, <c>YYYYMMDDhhmmsszzz</c>; null when absent (HJ/T 212-2005 units).</param>
/// <param name="St">System code (e.g. 31 flue gas, 32 waste water, 91 system interaction).</param>
/// <param name="Cn">Command code.</param>
/// <param name="Pw">Access password.</param>
/// <param name="Mn">Device unique id (the station's data-acquisition unit).</param>
/// <param name="Flag">The flag, null when absent.</param>
/// <param name="PacketCount">PNUM, total parts of a split packet; null when not split.</param>
/// <param name="PacketNumber">PNO, this part's number (1-based); null when not split.</param>
/// <param name="Cp">The command parameters between <c>CP=&amp;&amp;</c> and the closing <c>&amp;&amp;</c>.</param>
public sealed record Hj212Packet(string? Qn, string St, Hj212CommandCode Cn, string Pw, string Mn, Hj212Flag? Flag,
    int? PacketCount, int? PacketNumber, string Cp)
{
    /// <summary>True when the sender asked for an answer (Flag bit A).</summary>
    public bool AnswerRequired => Flag is { AnswerRequired: true };

    /// <summary>True when this is one part of a split packet (Flag bit D, PNUM/PNO present).</summary>
    public bool IsSplit => Flag is { Split: true } && PacketCount is not null && PacketNumber is not null;
}
