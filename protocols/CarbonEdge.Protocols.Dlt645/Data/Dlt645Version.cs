namespace CarbonEdge.Protocols.Dlt645.Data;

/// <summary>The edition of the protocol a meter speaks: 2007 (4-byte data identifiers) or 1997 (2-byte).</summary>
public enum Dlt645Version
{
    /// <summary>DL/T 645-2007: read 11H, reply 91H/B1H/D1H, DI0..DI3.</summary>
    V2007,
    /// <summary>DL/T 645-1997: read 01H, reply 81H/A1H/C1H, DI0 DI1.</summary>
    V1997,
}
