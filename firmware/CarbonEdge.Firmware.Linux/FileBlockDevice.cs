using CarbonEdge.Firmware.Core.Storage;

namespace CarbonEdge.Firmware.Linux;

/// <summary>
/// A file as the terminal's flash (an eMMC or SD partition file on a Linux terminal), with flash semantics kept:
/// erase writes 0xFF, programming ANDs, so the core's power-cut reasoning holds. Each write is flushed to the disk.
/// </summary>
internal sealed class FileBlockDevice : IBlockDevice, IDisposable
{
    private readonly FileStream _file;
    private readonly byte[] _page;

    public FileBlockDevice(string path, int pageSize, int pageCount)
    {
        (PageSize, PageCount) = (pageSize, pageCount);
        _page = new byte[pageSize];
        bool created = !File.Exists(path);
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        if (created || _file.Length != (long)pageSize * pageCount)
        {
            _file.SetLength((long)pageSize * pageCount);
            for (int page = 0; page < pageCount; page++) Erase(page);
        }
    }

    public int PageSize { get; }

    public int PageCount { get; }

    public void Read(int address, byte[] buffer, int offset, int count) => At(address).ReadExactly(buffer, offset, count);

    private FileStream At(int address) { _file.Position = address; return _file; }

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

    public void Dispose() => _file.Dispose();
}
