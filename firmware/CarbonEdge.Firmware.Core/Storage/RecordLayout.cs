using CarbonEdge.Firmware.Core.Modbus;

namespace CarbonEdge.Firmware.Core.Storage
{
    /// <summary>
    /// The 32-byte slot every record of the flash ring occupies, little-endian fields:
    /// <c>[0]</c> kind, <c>[1]</c> outcome and flags, <c>[2]</c> meter index, <c>[3]</c> point index,
    /// <c>[4..11]</c> first number (timestamp in Unix ms, seq or generation), <c>[12..19]</c> second number (value in
    /// millionths, acknowledged record number or seq floor), <c>[20]</c> device error code, <c>[21..27]</c> 0xFF,
    /// <c>[28..29]</c> CRC-16/MODBUS of bytes 0..27, <c>[30]</c> 0xFF, <c>[31]</c> commit marker.
    /// The commit marker is programmed to 0x00 after the rest, so a slot cut short by a power failure has 0xFF there.
    /// </summary>
    public static class RecordLayout
    {
        /// <summary>Bytes per record slot.</summary>
        public const int Size = 32;

        /// <summary>Kind of a reading record.</summary>
        public const byte Reading = 0x01;

        /// <summary>Kind of an acknowledgement record (a batch the broker acknowledged).</summary>
        public const byte Acknowledgement = 0x02;

        /// <summary>Kind of a page header (slot 0 of every page).</summary>
        public const byte PageHeader = 0x10;

        /// <summary>Offset of the commit marker.</summary>
        public const int Commit = 31;

        /// <summary>Value of a committed marker.</summary>
        public const byte Committed = 0x00;

        /// <summary>Flag in byte 1: the clock was not synchronised when the reading was taken.</summary>
        public const byte ClockUnsynchronised = 0x80;

        /// <summary>Fills <paramref name="record"/> with 0xFF and sets its kind and numbers, then its CRC; the commit marker stays 0xFF.</summary>
        public static void Build(byte[] record, byte kind, byte flags, byte meter, byte point, long first, long second, byte code)
        {
            for (int i = 0; i < Size; i++)
                record[i] = 0xFF;
            record[0] = kind;
            record[1] = flags;
            record[2] = meter;
            record[3] = point;
            WriteInt64(record, 4, first);
            WriteInt64(record, 12, second);
            record[20] = code;
            int crc = ModbusCrc.Compute(record, 0, 28);
            record[28] = (byte)crc;
            record[29] = (byte)(crc >> 8);
        }

        /// <summary>True when every byte of the slot is 0xFF (never programmed since the erase).</summary>
        public static bool IsEmpty(byte[] record)
        {
            for (int i = 0; i < Size; i++)
                if (record[i] != 0xFF)
                    return false;
            return true;
        }

        /// <summary>True when the slot is committed and its CRC matches.</summary>
        public static bool IsValid(byte[] record) =>
            record[Commit] == Committed &&
            (record[28] | (record[29] << 8)) == ModbusCrc.Compute(record, 0, 28);

        /// <summary>The little-endian 64-bit number at <paramref name="offset"/>.</summary>
        public static long ReadInt64(byte[] record, int offset)
        {
            long value = 0;
            for (int i = 7; i >= 0; i--)
                value = (value << 8) | record[offset + i];
            return value;
        }

        private static void WriteInt64(byte[] record, int offset, long value)
        {
            for (int i = 0; i < 8; i++)
                record[offset + i] = (byte)(value >> (8 * i));
        }
    }
}
