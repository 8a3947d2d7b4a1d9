namespace CarbonEdge.Protocols.Hj212.Segment;

/// <summary>
/// The data segment's <c>Flag</c>: bits V5..V0 (protocol version), D (split packet: PNUM/PNO present) and A
/// (answer required).
/// </summary>
/// <remarks>
/// HJ 212-2017 §6.3.3, Table 5: <c>Flag = V5 V4 V3 V2 V1 V0 D A</c>. Version 0 is HJ/T 212-2005, 1 is HJ 212-2017;
/// higher versions (later revisions) are carried as they come. <c>Flag=5</c> is a 2017 packet that wants an answer.
/// </remarks>
/// <param name="Version">Bits V5..V0 (0..63).</param>
/// <param name="Split">Bit D: the packet is one of PNUM parts.</param>
/// <param name="AnswerRequired">Bit A: the receiver must answer.</param>
public readonly record struct Hj212Flag(int Version, bool Split, bool AnswerRequired)
{
    /// <summary>Version bits of HJ 212-2017.</summary>
    public const int Version2017 = 1;

    /// <summary>The flag's byte value (what <c>Flag=</c> carries in decimal).</summary>
    public int Value => (Version << 2) | (Split ? 2 : 0) | (AnswerRequired ? 1 : 0);

    /// <summary>The flag of the byte value <paramref name="value"/> (0..255).</summary>
    public static Hj212Flag FromValue(int value) => new((value >> 2) & 0x3F, (value & 2) != 0, (value & 1) != 0);
}
