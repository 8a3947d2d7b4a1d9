namespace CarbonEdge.Protocols.Hj212.Segment;

/// <summary>Why a data segment or its CP was rejected.</summary>
public enum Hj212SegmentError
{
    /// <summary>No error.</summary>
    None,
    /// <summary>A field is not <c>key=value</c>, a key is unknown or repeated, or <c>CP=&amp;&amp;...&amp;&amp;</c> is not last and closed.</summary>
    Garbled,
    /// <summary>ST, CN, PW, MN or CP is missing.</summary>
    MissingField,
    /// <summary>CN is not a 4-digit number.</summary>
    BadCn,
    /// <summary>Flag is not a number 0..255, or PNUM/PNO are missing, not numbers, or PNO is outside 1..PNUM.</summary>
    BadFlag,
    /// <summary>QN is not 17 digits of a valid time.</summary>
    BadQn,
    /// <summary>The CP does not parse: an item is not <c>key=value</c>, a DataTime is not a valid time or differs between parts.</summary>
    GarbledCp,
}
