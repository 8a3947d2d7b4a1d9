using System.IO;
using CarbonEdge.Firmware.Core.Storage;

namespace CarbonEdge.Firmware.Esp32
{
    /// <summary>
    /// The record store on the ESP32's internal flash file system (drive I:), as a file of erase pages with flash
    /// semantics (erase writes 0xFF, programming ANDs), so the core's power-cut reasoning holds.
    /// </summary>
    internal sealed class FlashFileDevice : IBlockDevice
    {
        private readonly FileStream _file;
        private readonly byte[] _page;

        public FlashFileDevice(string path, int pageSize, int pageCount)
        {
            PageSize = pageSize;
            PageCount = pageCount;
            _page = new byte[pageSize];
            _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
            if (_file.Length == (long)pageSize * pageCount)
                return;
            for (int page = 0; page < pageCount; page++)
                Erase(page);
        }

        public int PageSize { get; }

        public int PageCount { get; }

        public void Read(int address, byte[] buffer, int offset, int count)
        {
            _file.Seek(address, SeekOrigin.Begin);
            _file.Read(buffer, offset, count);
        }

        public void Program(int address, byte[] buffer, int offset, int count)
        {
            Read(address, _page, 0, count);
            for (int i = 0; i < count; i++)
                _page[i] &= buffer[offset + i];
            _file.Seek(address, SeekOrigin.Begin);
            _file.Write(_page, 0, count);
            _file.Flush();
        }

        public void Erase(int page)
        {
            for (int i = 0; i < PageSize; i++)
                _page[i] = 0xFF;
            _file.Seek(page * PageSize, SeekOrigin.Begin);
            _file.Write(_page, 0, PageSize);
            _file.Flush();
        }
    }
}
