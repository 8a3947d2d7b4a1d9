namespace CarbonEdge.Firmware.Core.Config
{
    /// <summary>The protocol a meter on the RS-485 line speaks.</summary>
    public enum MeterProtocol : byte
    {
        /// <summary>Modbus RTU (Modbus over Serial Line V1.02).</summary>
        ModbusRtu,
        /// <summary>DL/T 645-2007.</summary>
        Dlt645,
    }
}
