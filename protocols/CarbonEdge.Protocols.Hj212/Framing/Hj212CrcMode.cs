namespace CarbonEdge.Protocols.Hj212.Framing;

/// <summary>Which CRC a link accepts.</summary>
/// <remarks>
/// HJ 212-2017 Appendix A defines its own CRC; some field units send CRC-16/MODBUS instead. A link is configured
/// for one of them, or for either (then every packet that needed the Modbus variant is counted by the caller).
/// </remarks>
public enum Hj212CrcMode
{
    /// <summary>Only the CRC of HJ 212-2017 Appendix A (the default).</summary>
    Hj212,
    /// <summary>Only CRC-16/MODBUS.</summary>
    Modbus,
    /// <summary>Either; the decoded frame says which one matched.</summary>
    Either,
}

/// <summary>The CRC a packet carried.</summary>
public enum Hj212CrcKind
{
    /// <summary>HJ 212-2017 Appendix A.</summary>
    Hj212,
    /// <summary>CRC-16/MODBUS (a field-unit variant).</summary>
    Modbus,
}
