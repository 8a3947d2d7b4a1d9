using CarbonEdge.Firmware.Core.Modbus;

namespace CarbonEdge.Firmware.Core.Config
{
    /// <summary>Where one point of one meter is read and how its value is scaled.</summary>
    public sealed class PointConfig
    {
        /// <summary>Index into <see cref="PointCatalog"/>.</summary>
        public int Point { get; set; }

        /// <summary>Modbus function: 0x03 holding or 0x04 input registers.</summary>
        public byte Function { get; set; } = ModbusRtuMaster.ReadHoldingRegisters;

        /// <summary>Modbus register address (0-based, as in the PDU).</summary>
        public int Register { get; set; }

        /// <summary>Modbus value layout.</summary>
        public RegisterType Type { get; set; } = RegisterType.Float32;

        /// <summary>Modbus 32-bit value with the low word first.</summary>
        public bool WordSwap { get; set; }

        /// <summary>Multiplier applied to the decoded value (e.g. 0.01 for a register in 10 Wh), default 1.</summary>
        public double Scale { get; set; } = 1;

        /// <summary>DL/T 645 data identifier DI3..DI0 (Appendix A), e.g. 0x00010000.</summary>
        public uint DataIdentifier { get; set; }

        /// <summary>DL/T 645 value bytes (e.g. 4 for XXXXXX.XX).</summary>
        public int BcdLength { get; set; } = 4;

        /// <summary>DL/T 645 fraction digits (e.g. 2 for XXXXXX.XX).</summary>
        public int Decimals { get; set; } = 2;

        /// <summary>DL/T 645 value with a sign bit (power, current, power factor).</summary>
        public bool Signed { get; set; }
    }
}
