namespace CarbonEdge.Firmware.Core.Time
{
    /// <summary>
    /// The SNTP client packet and the clock offset it yields. A 48-byte NTP header: LI/VN/mode, stratum, ..., originate
    /// (24), receive (32) and transmit (40) timestamps, each 32.32 fixed-point seconds since 1900, big-endian.
    /// </summary>
    /// <remarks>
    /// RFC 4330 §4 (packet), §5 (client: VN 4, mode 3, transmit timestamp; server reply mode 4, stratum 0 is a
    /// kiss-o'-death), RFC 5905 §8 (offset θ = ((T2 − T1) + (T3 − T4)) / 2, delay δ = (T4 − T1) − (T3 − T2));
    /// RFC 4330 §3 era rule: a seconds value with the top bit clear is after 2036-02-07.
    /// </remarks>
    public static class SntpPacket
    {
        /// <summary>Bytes of an SNTP packet without extensions.</summary>
        public const int Length = 48;

        private const long UnixEpochInNtpSeconds = 2_208_988_800;

        /// <summary>Writes a client request whose transmit timestamp is <paramref name="t1"/> (Unix ms).</summary>
        public static void EncodeRequest(byte[] packet, long t1)
        {
            for (int i = 0; i < Length; i++)
                packet[i] = 0;
            packet[0] = (4 << 3) | 3;
            WriteTimestamp(packet, 40, t1);
        }

        /// <summary>
        /// Checks a server reply to the request sent at <paramref name="t1"/> and received at <paramref name="t4"/> (both
        /// Unix ms on the terminal's clock) and computes the offset to add to that clock and the round-trip delay, in ms.
        /// False when it is not a server reply to that request (mode, originate timestamp), a kiss-o'-death, or unsynchronised.
        /// </summary>
        public static bool TryDecodeReply(byte[] packet, int count, long t1, long t4, out long offset, out long delay)
        {
            offset = 0; delay = 0;
            if (count < Length || (packet[0] & 0x07) != 4 || packet[1] == 0 || (packet[0] >> 6) == 3)
                return false;
            if (ReadTimestamp(packet, 24) != t1)
                return false;
            long t2 = ReadTimestamp(packet, 32), t3 = ReadTimestamp(packet, 40);
            offset = ((t2 - t1) + (t3 - t4)) / 2;
            delay = (t4 - t1) - (t3 - t2);
            return true;
        }

        /// <summary>Writes <paramref name="unixMilliseconds"/> as an NTP timestamp at <paramref name="offset"/>.</summary>
        public static void WriteTimestamp(byte[] packet, int offset, long unixMilliseconds)
        {
            long ms = unixMilliseconds + UnixEpochInNtpSeconds * 1000;
            long seconds = ms / 1000;
            long fraction = ((ms % 1000) << 32) / 1000;
            WriteUInt32(packet, offset, (uint)seconds);
            WriteUInt32(packet, offset + 4, (uint)fraction);
        }

        /// <summary>Reads an NTP timestamp at <paramref name="offset"/> as Unix milliseconds (rounded to the nearest).</summary>
        public static long ReadTimestamp(byte[] packet, int offset)
        {
            long seconds = ReadUInt32(packet, offset);
            if ((seconds & 0x80000000) == 0)
                seconds += 0x100000000;
            long fraction = ReadUInt32(packet, offset + 4);
            return (seconds - UnixEpochInNtpSeconds) * 1000 + ((fraction * 1000 + 0x80000000) >> 32);
        }

        private static void WriteUInt32(byte[] packet, int offset, uint value)
        {
            packet[offset] = (byte)(value >> 24);
            packet[offset + 1] = (byte)(value >> 16);
            packet[offset + 2] = (byte)(value >> 8);
            packet[offset + 3] = (byte)value;
        }

        private static long ReadUInt32(byte[] packet, int offset) =>
            ((long)packet[offset] << 24) | ((long)packet[offset + 1] << 16) | ((long)packet[offset + 2] << 8) | packet[offset + 3];
    }
}
