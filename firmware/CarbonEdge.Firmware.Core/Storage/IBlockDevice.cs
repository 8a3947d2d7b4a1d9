namespace CarbonEdge.Firmware.Core.Storage
{
    /// <summary>
    /// Flash as the store sees it: erase pages that reset every byte to 0xFF, and programming that can only clear
    /// bits (a programmed byte becomes old AND new). A power cut may stop a program or an erase at any byte.
    /// </summary>
    public interface IBlockDevice
    {
        /// <summary>Bytes per erase page (e.g. 4096 for an ESP32 SPI-flash sector).</summary>
        int PageSize { get; }

        /// <summary>Number of erase pages.</summary>
        int PageCount { get; }

        /// <summary>Reads <paramref name="count"/> bytes at byte <paramref name="address"/>.</summary>
        void Read(int address, byte[] buffer, int offset, int count);

        /// <summary>Programs <paramref name="count"/> bytes at byte <paramref name="address"/> (bits only go from 1 to 0).</summary>
        void Program(int address, byte[] buffer, int offset, int count);

        /// <summary>Erases page <paramref name="page"/> (every byte becomes 0xFF).</summary>
        void Erase(int page);
    }
}
