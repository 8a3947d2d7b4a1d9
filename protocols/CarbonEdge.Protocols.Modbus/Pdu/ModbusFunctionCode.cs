namespace CarbonEdge.Protocols.Modbus.Pdu;

/// <summary>Public function codes this library speaks.</summary>
/// <remarks>Modbus Application Protocol V1.1b3 §5.1 (public function code definition) and §6.</remarks>
public enum ModbusFunctionCode : byte
{
    /// <summary>01 Read Coils (§6.1).</summary>
    ReadCoils = 0x01,
    /// <summary>02 Read Discrete Inputs (§6.2).</summary>
    ReadDiscreteInputs = 0x02,
    /// <summary>03 Read Holding Registers (§6.3).</summary>
    ReadHoldingRegisters = 0x03,
    /// <summary>04 Read Input Registers (§6.4).</summary>
    ReadInputRegisters = 0x04,
    /// <summary>05 Write Single Coil (§6.5).</summary>
    WriteSingleCoil = 0x05,
    /// <summary>06 Write Single Register (§6.6).</summary>
    WriteSingleRegister = 0x06,
    /// <summary>15 (0x0F) Write Multiple Coils (§6.11).</summary>
    WriteMultipleCoils = 0x0F,
    /// <summary>16 (0x10) Write Multiple Registers (§6.12).</summary>
    WriteMultipleRegisters = 0x10,
    /// <summary>23 (0x17) Read/Write Multiple Registers (§6.17).</summary>
    ReadWriteMultipleRegisters = 0x17,
    /// <summary>43 (0x2B) Encapsulated Interface Transport; with MEI type 14 Read Device Identification (§6.21).</summary>
    EncapsulatedInterfaceTransport = 0x2B,
}
