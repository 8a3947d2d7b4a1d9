using CarbonEdge.Firmware.Core.Bus;

namespace CarbonEdge.Firmware.Core.Dlt645
{
    /// <summary>
    /// The DL/T 645-2007 frames a metering terminal uses to read a meter: the read-data request (control code 0x11)
    /// and its normal (0x91, 0xB1 with follow-up data) and error (0xD1) responses, with the CS. No allocation.
    /// </summary>
    /// <remarks>
    /// DL/T 645-2007 §7.1 frame format: 0x68, address A0..A5 (BCD, low byte first), 0x68, control code, length L,
    /// data (each byte + 0x33 on the wire), CS (sum modulo 256 from the first 0x68 to the end of the data), 0x16;
    /// senders may precede a frame with 0xFE wake-up bytes (§7.3). Read data: §7.3.2 / control code 11H; data
    /// identifiers in Appendix A (DI3..DI0, sent DI0 first).
    /// </remarks>
    public static class Dlt645Master
    {
        /// <summary>Wake-up bytes this master sends before a frame (§7.3: up to four 0xFE).</summary>
        public const int Preamble = 4;

        /// <summary>Length of a read request with its preamble: 4 + 12 + 4 bytes.</summary>
        public const int ReadRequestLength = Preamble + 16;

        /// <summary>Longest frame this master accepts: 12 bytes of framing plus up to 200 data bytes (§7.1.6).</summary>
        public const int MaxFrameLength = 12 + 200 + 4;

        /// <summary>Control code of a read-data request (§7.3.2).</summary>
        public const byte ReadData = 0x11;

        /// <summary>Writes a read request for <paramref name="dataIdentifier"/> (DI3..DI0 as one number, e.g. 0x00010000
        /// for forward active energy, total) to the meter with the 6-byte wire <paramref name="address"/> (low byte first).
        /// Returns the bytes written (<see cref="ReadRequestLength"/>).</summary>
        public static int EncodeReadRequest(byte[] destination, int offset, byte[] address, uint dataIdentifier)
        {
            int p = offset;
            for (int i = 0; i < Preamble; i++)
                destination[p++] = 0xFE;
            int start = p;
            destination[p++] = 0x68;
            for (int i = 0; i < 6; i++)
                destination[p++] = address[i];
            destination[p++] = 0x68;
            destination[p++] = ReadData;
            destination[p++] = 4;
            for (int i = 0; i < 4; i++)
                destination[p++] = (byte)((dataIdentifier >> (8 * i)) + 0x33);
            destination[p] = Checksum(destination, start, p - start);
            destination[p + 1] = 0x16;
            return p + 2 - offset;
        }

        /// <summary>
        /// Decodes the meter's answer to a read of <paramref name="dataIdentifier"/> from <paramref name="address"/>.
        /// On <see cref="DecodeStatus.Complete"/> either <paramref name="errorCode"/> is non-negative (an error reply, its
        /// ERR byte, §7.3.2 Figure 9) or the value's bytes (still + 0x33, low byte first) are at <paramref name="valueOffset"/>,
        /// <paramref name="valueLength"/> long. Leading 0xFE bytes are skipped; incomplete input consumes nothing.
        /// </summary>
        public static DecodeStatus TryDecodeReadResponse(byte[] buffer, int offset, int count, byte[] address, uint dataIdentifier,
            out int valueOffset, out int valueLength, out int errorCode, out int consumed, out FrameError error)
        {
            valueOffset = 0; valueLength = 0; errorCode = -1; consumed = 0; error = FrameError.None;
            int skip = 0;
            while (skip < count && buffer[offset + skip] == 0xFE)
                skip++;
            if (skip == count)
                return DecodeStatus.NeedMoreData;
            int start = offset + skip;
            if (buffer[start] != 0x68)
                return Refusal.Of(FrameError.BadDelimiter, skip + 1, out consumed, out error);
            int available = count - skip;
            if (available < 10)
                return DecodeStatus.NeedMoreData;
            if (buffer[start + 7] != 0x68)
                return Refusal.Of(FrameError.BadDelimiter, skip + 1, out consumed, out error);
            int dataLength = buffer[start + 9];
            int length = 12 + dataLength;
            if (available < length)
                return DecodeStatus.NeedMoreData;
            if (buffer[start + length - 1] != 0x16)
                return Refusal.Of(FrameError.BadDelimiter, skip + length, out consumed, out error);
            if (Checksum(buffer, start, length - 2) != buffer[start + length - 2])
                return Refusal.Of(FrameError.BadChecksum, skip + length, out consumed, out error);
            for (int i = 0; i < 6; i++)
                if (buffer[start + 1 + i] != address[i])
                    return Refusal.Of(FrameError.WrongAddress, skip + length, out consumed, out error);
            byte control = buffer[start + 8];
            if (control == 0xD1 && dataLength == 1)
            {
                errorCode = (byte)(buffer[start + 10] - 0x33);
                consumed = skip + length;
                return DecodeStatus.Complete;
            }
            if (control != 0x91 && control != 0xB1)
                return Refusal.Of(FrameError.UnexpectedFunction, skip + length, out consumed, out error);
            if (dataLength < 4)
                return Refusal.Of(FrameError.BadLength, skip + length, out consumed, out error);
            for (int i = 0; i < 4; i++)
                if ((byte)(buffer[start + 10 + i] - 0x33) != (byte)(dataIdentifier >> (8 * i)))
                    return Refusal.Of(FrameError.UnexpectedFunction, skip + length, out consumed, out error);
            valueOffset = start + 14;
            valueLength = dataLength - 4;
            consumed = skip + length;
            return DecodeStatus.Complete;
        }

        /// <summary>CS of §7.1.7: the sum modulo 256 of <paramref name="count"/> bytes from <paramref name="offset"/>.</summary>
        public static byte Checksum(byte[] buffer, int offset, int count)
        {
            int sum = 0;
            for (int i = offset; i < offset + count; i++)
                sum += buffer[i];
            return (byte)sum;
        }
    }
}
