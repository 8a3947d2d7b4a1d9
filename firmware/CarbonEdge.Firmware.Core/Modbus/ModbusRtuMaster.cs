using CarbonEdge.Firmware.Core.Bus;

namespace CarbonEdge.Firmware.Core.Modbus
{
    /// <summary>
    /// The Modbus RTU frames a metering terminal sends and receives: read holding registers (0x03) and read input
    /// registers (0x04) requests, their responses and exception responses, with the CRC. No allocation.
    /// </summary>
    /// <remarks>
    /// Modbus Application Protocol V1.1b3 §6.3 (0x03), §6.4 (0x04), §7 (exception responses);
    /// Modbus over Serial Line V1.02 §2.5.1 (RTU frame: address, PDU, CRC low byte first).
    /// </remarks>
    public static class ModbusRtuMaster
    {
        /// <summary>Length of a read request frame: unit id, function, start (2), quantity (2), CRC (2).</summary>
        public const int ReadRequestLength = 8;

        /// <summary>Most registers one read may ask for (§6.3: 1 to 125).</summary>
        public const int MaxRegisters = 125;

        /// <summary>Longest response to a read: 3 + 2 × 125 + 2 bytes.</summary>
        public const int MaxResponseLength = 5 + 2 * MaxRegisters;

        /// <summary>Function code 0x03, read holding registers.</summary>
        public const byte ReadHoldingRegisters = 0x03;

        /// <summary>Function code 0x04, read input registers.</summary>
        public const byte ReadInputRegisters = 0x04;

        /// <summary>
        /// Writes a read request for <paramref name="quantity"/> registers from <paramref name="start"/> (0-based PDU
        /// address, big-endian on the wire) into <paramref name="destination"/> at <paramref name="offset"/>.
        /// Returns the bytes written (<see cref="ReadRequestLength"/>).
        /// </summary>
        public static int EncodeReadRequest(byte[] destination, int offset, byte unitId, byte function, int start, int quantity)
        {
            destination[offset] = unitId;
            destination[offset + 1] = function;
            destination[offset + 2] = (byte)(start >> 8);
            destination[offset + 3] = (byte)start;
            destination[offset + 4] = (byte)(quantity >> 8);
            destination[offset + 5] = (byte)quantity;
            int crc = ModbusCrc.Compute(destination, offset, 6);
            destination[offset + 6] = (byte)crc;
            destination[offset + 7] = (byte)(crc >> 8);
            return ReadRequestLength;
        }

        /// <summary>
        /// Decodes the response to a read of <paramref name="quantity"/> registers from <paramref name="unitId"/> with
        /// <paramref name="function"/>. On <see cref="DecodeStatus.Complete"/> either <paramref name="exceptionCode"/> is
        /// non-zero (an exception response) or the register bytes start at <paramref name="dataOffset"/>
        /// (2 × quantity bytes, big-endian registers). Incomplete input consumes nothing; never throws on wire data.
        /// </summary>
        public static DecodeStatus TryDecodeReadResponse(byte[] buffer, int offset, int count, byte unitId, byte function,
            int quantity, out int dataOffset, out int exceptionCode, out int consumed, out FrameError error)
        {
            dataOffset = 0; exceptionCode = 0; consumed = 0; error = FrameError.None;
            if (count < 3)
                return DecodeStatus.NeedMoreData;
            bool exception = buffer[offset + 1] == (byte)(function | 0x80);
            int length = exception ? 5 : 3 + buffer[offset + 2] + 2;
            if (!exception && buffer[offset + 1] == function && buffer[offset + 2] != 2 * quantity)
                return Refusal.Of(FrameError.BadLength, count, out consumed, out error);
            if (count < length)
                return DecodeStatus.NeedMoreData;
            int crc = ModbusCrc.Compute(buffer, offset, length - 2);
            if ((buffer[offset + length - 2] | (buffer[offset + length - 1] << 8)) != crc)
                return Refusal.Of(FrameError.BadChecksum, length, out consumed, out error);
            if (buffer[offset] != unitId)
                return Refusal.Of(FrameError.WrongAddress, length, out consumed, out error);
            if (!exception && buffer[offset + 1] != function)
                return Refusal.Of(FrameError.UnexpectedFunction, length, out consumed, out error);
            consumed = length;
            if (exception)
                exceptionCode = buffer[offset + 2];
            else
                dataOffset = offset + 3;
            return DecodeStatus.Complete;
        }
    }
}
