namespace CarbonEdge.Firmware.Core.Modbus
{
    /// <summary>How a meter lays a value out in its registers (Modbus registers are big-endian, §4.2).</summary>
    public enum RegisterType : byte
    {
        /// <summary>One register, unsigned.</summary>
        UInt16,
        /// <summary>One register, two's complement.</summary>
        Int16,
        /// <summary>Two registers, unsigned, high word first unless word-swapped.</summary>
        UInt32,
        /// <summary>Two registers, two's complement, high word first unless word-swapped.</summary>
        Int32,
        /// <summary>Two registers, IEEE 754 binary32, high word first unless word-swapped.</summary>
        Float32,
    }
}
