using CarbonEdge.Firmware.Core.Storage;

namespace CarbonEdge.Firmware.Tests.Doubles;

/// <summary>Thrown by <see cref="SimulatedFlash"/> when its byte budget runs out: the power was cut there.</summary>
internal sealed class PowerCutException : Exception;

/// <summary>
/// NOR flash in memory: erase sets a page to 0xFF byte by byte, programming ANDs bytes in one at a time (bits only
/// go from 1 to 0). With <see cref="CutAfter"/> set, the power fails after that many more byte operations (program
/// or erase), leaving the flash exactly as far as it got.
/// </summary>
internal sealed class SimulatedFlash(int pageSize, int pageCount) : IBlockDevice
{
    public byte[] Bytes { get; } = Enumerable.Repeat((byte)0xFF, pageSize * pageCount).ToArray();

    public int PageSize { get; } = pageSize;

    public int PageCount { get; } = pageCount;

    /// <summary>Byte operations left before the power cut; null for none.</summary>
    public long? CutAfter { get; set; }

    /// <summary>Byte operations done (programmed or erased bytes).</summary>
    public long Operations { get; private set; }

    public void Read(int address, byte[] buffer, int offset, int count) => Array.Copy(Bytes, address, buffer, offset, count);

    public void Program(int address, byte[] buffer, int offset, int count)
    {
        for (int i = 0; i < count; i++)
        {
            Tick();
            Bytes[address + i] &= buffer[offset + i];
        }
    }

    public void Erase(int page)
    {
        for (int i = 0; i < PageSize; i++)
        {
            Tick();
            Bytes[page * PageSize + i] = 0xFF;
        }
    }

    private void Tick()
    {
        if (CutAfter is { } left)
        {
            if (left == 0)
                throw new PowerCutException();
            CutAfter = left - 1;
        }
        Operations++;
    }
}
