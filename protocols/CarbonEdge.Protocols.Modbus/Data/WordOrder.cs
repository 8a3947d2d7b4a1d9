namespace CarbonEdge.Protocols.Modbus.Data;

/// <summary>
/// Order of the bytes of a multi-register value on the wire, named by where the big-endian bytes A (most
/// significant) to D (least) of a 32-bit value land: the first register carries the first two letters. For 64-bit
/// values the same rule extends to ABCDEFGH (CDAB reverses the register order, BADC swaps the bytes within each
/// register, DCBA does both). For 16-bit values only the byte swap counts: ABCD and CDAB read AB, BADC and DCBA read BA.
/// </summary>
public enum WordOrder
{
    /// <summary>Big-endian: registers most significant first, high byte first (Modicon convention; the default).</summary>
    ABCD,
    /// <summary>Word swap: registers least significant first, high byte first ("little-endian word order").</summary>
    CDAB,
    /// <summary>Byte swap: registers most significant first, low byte first.</summary>
    BADC,
    /// <summary>Little-endian: registers least significant first, low byte first.</summary>
    DCBA,
}
