namespace CarbonEdge.Protocols.Modbus.Pdu;

/// <summary>Exception codes a device returns in an exception response.</summary>
/// <remarks>
/// Modbus Application Protocol V1.1b3 §7 (MODBUS Exception Codes); 07 Negative Acknowledge comes from the
/// Modicon PI-MBUS-300 reference. <see cref="None"/> is not sent on the wire: a data store returns it for success.
/// </remarks>
public enum ModbusExceptionCode : byte
{
    /// <summary>No exception: the request succeeded (never on the wire).</summary>
    None = 0x00,
    /// <summary>01: the function code is not supported by the device.</summary>
    IllegalFunction = 0x01,
    /// <summary>02: the address (or address + quantity) is not allowed.</summary>
    IllegalDataAddress = 0x02,
    /// <summary>03: a value in the request (quantity, byte count, coil value) is not allowed.</summary>
    IllegalDataValue = 0x03,
    /// <summary>04: unrecoverable error while the device performed the action.</summary>
    ServerDeviceFailure = 0x04,
    /// <summary>05: accepted, processing takes long; poll for completion.</summary>
    Acknowledge = 0x05,
    /// <summary>06: the device is busy with a long command; retry later.</summary>
    ServerDeviceBusy = 0x06,
    /// <summary>07: the program function cannot be performed (PI-MBUS-300).</summary>
    NegativeAcknowledge = 0x07,
    /// <summary>08: parity error in extended memory (function codes 20, 21).</summary>
    MemoryParityError = 0x08,
    /// <summary>0A: the gateway could not allocate a path to the target.</summary>
    GatewayPathUnavailable = 0x0A,
    /// <summary>0B: the gateway's target device did not respond.</summary>
    GatewayTargetDeviceFailedToRespond = 0x0B,
}

/// <summary>Human-readable names of exception codes.</summary>
public static class ModbusExceptionCodes
{
    /// <summary>Short description of <paramref name="code"/>, e.g. "illegal data address"; unknown codes say so.</summary>
    public static string Describe(ModbusExceptionCode code) => code switch
    {
        ModbusExceptionCode.None => "none",
        ModbusExceptionCode.IllegalFunction => "illegal function",
        ModbusExceptionCode.IllegalDataAddress => "illegal data address",
        ModbusExceptionCode.IllegalDataValue => "illegal data value",
        ModbusExceptionCode.ServerDeviceFailure => "server device failure",
        ModbusExceptionCode.Acknowledge => "acknowledge",
        ModbusExceptionCode.ServerDeviceBusy => "server device busy",
        ModbusExceptionCode.NegativeAcknowledge => "negative acknowledge",
        ModbusExceptionCode.MemoryParityError => "memory parity error",
        ModbusExceptionCode.GatewayPathUnavailable => "gateway path unavailable",
        ModbusExceptionCode.GatewayTargetDeviceFailedToRespond => "gateway target device failed to respond",
        _ => "unknown exception code",
    };
}
