using CarbonEdge.Firmware.Core.Storage;

namespace CarbonEdge.Firmware.Linux;

/// <summary>
/// A file as the terminal's flash (on the board's eMMC or SD card) with flash semantics kept (erase writes 0xFF,
/// programming ANDs), so the core's power-cut reasoning holds. Each write is flushed to the disk.
/// </summary>
internal sealed class FileBlockDevice : IBlockDevice, IDisposable
{
    private readonly FileStream _file;
    private readonly byte[] _page;

    public FileBlockDevice(string path, int pageSize, int pageCount)
    {
        (PageSize, PageCount, _page) = (pageSize, pageCount, new byte[pageSize]);
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
        if (_file.Length == (long)pageSize * pageCount) return;
        _file.SetLength((long)pageSize * pageCount);
        for (int page = 0; page < pageCount; page++) Erase(page);
    }

    public int PageSize { get; }

    public int PageCount { get; }

    public void Read(int address, byte[] buffer, int offset, int count) => At(address).ReadExactly(buffer, offset, count);

    public void Program(int address, byte[] buffer, int offset, int count)
    {
        At(address).ReadExactly(_page, 0, count);
        for (int i = 0; i < count; i++) _page[i] &= buffer[offset + i];
        At(address).Write(_page, 0, count);
        _file.Flush(true);
    }

    public void Erase(int page)
    {
        Array.Fill(_page, (byte)0xFF);
        At(page * PageSize).Write(_page, 0, PageSize);
        _file.Flush(true);
    }

    private FileStream At(int address)
    {
        _file.Position = address;
        return _file;
    }

    public void Dispose() => _file.Dispose();
}
