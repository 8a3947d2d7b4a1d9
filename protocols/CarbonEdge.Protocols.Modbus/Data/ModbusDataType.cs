namespace CarbonEdge.Protocols.Modbus.Data;

/// <summary>How a point's value is laid out in registers (or one bit).</summary>
/// <remarks>
/// The Modbus standard defines only 16-bit registers and bits (Modbus Application Protocol V1.1b3 §4.3); wider
/// types span consecutive registers in a device-specific <see cref="WordOrder"/>, floats are IEEE 754 binary32/binary64.
/// </remarks>
public enum ModbusDataType
{
    /// <summary>A coil or discrete input (01, 02), or one bit (0-15) of a register.</summary>
    Bit,
    /// <summary>Signed 16-bit integer, one register.</summary>
    Int16,
    /// <summary>Unsigned 16-bit integer, one register.</summary>
    UInt16,
    /// <summary>Signed 32-bit integer, two registers.</summary>
    Int32,
    /// <summary>Unsigned 32-bit integer, two registers.</summary>
    UInt32,
    /// <summary>Signed 64-bit integer, four registers (values beyond 2^53 lose precision as a double).</summary>
    Int64,
    /// <summary>Unsigned 64-bit integer, four registers (values beyond 2^53 lose precision as a double).</summary>
    UInt64,
    /// <summary>IEEE 754 binary32, two registers.</summary>
    Float32,
    /// <summary>IEEE 754 binary64, four registers.</summary>
    Float64,
    /// <summary>Packed BCD, 4 decimal digits in one register (0-9999).</summary>
    Bcd16,
    /// <summary>Packed BCD, 8 decimal digits in two registers (0-99999999).</summary>
    Bcd32,
    /// <summary>ASCII text, two characters a register, padded with NUL or space.</summary>
    String,
}
