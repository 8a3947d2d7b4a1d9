namespace CarbonEdge.Protocols.Hj212.Framing;

/// <summary>One framed packet: its data segment (ASCII text between the length and the CRC) and the CRC it carried.</summary>
/// <param name="DataSegment">The data segment, e.g. <c>QN=...;ST=32;CN=2011;...;CP=&amp;&amp;...&amp;&amp;</c>.</param>
/// <param name="Crc">Which CRC matched (<see cref="Hj212CrcKind.Modbus"/> only under <see cref="Hj212CrcMode.Modbus"/> or <see cref="Hj212CrcMode.Either"/>).</param>
/// <remarks>HJ 212-2017 §6.3.1, Table 3.</remarks>
public sealed record Hj212Frame(string DataSegment, Hj212CrcKind Crc);
