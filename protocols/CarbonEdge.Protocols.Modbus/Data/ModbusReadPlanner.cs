using CarbonEdge.Protocols.Modbus.Pdu;

namespace CarbonEdge.Protocols.Modbus.Data;

/// <summary>Where one point lives: table (by read function code), first address, and how many registers or bits it spans.</summary>
/// <param name="Function">01, 02, 03 or 04.</param>
/// <param name="Address">First address (0-based protocol address).</param>
/// <param name="Count">Registers (03/04) or bits (01/02) the point spans.</param>
public readonly record struct PointLocation(ModbusFunctionCode Function, ushort Address, int Count);

/// <summary>One request of a read plan and the points it serves.</summary>
/// <param name="Function">01, 02, 03 or 04.</param>
/// <param name="StartAddress">First address read.</param>
/// <param name="Count">Registers or bits read.</param>
/// <param name="Points">Indexes into the planned point list, in address order.</param>
public sealed record ReadBlock(ModbusFunctionCode Function, ushort StartAddress, ushort Count, IReadOnlyList<int> Points);

/// <summary>Limits of a read plan.</summary>
public sealed class ReadPlanOptions
{
    /// <summary>Registers one request may read (default and standard maximum 125; some devices accept less).</summary>
    public int MaxRegisters { get; init; } = ReadRegistersPdu.MaxCount;

    /// <summary>Bits one request may read (default and standard maximum 2000).</summary>
    public int MaxBits { get; init; } = ReadBitsPdu.MaxCount;

    /// <summary>
    /// Unused registers (or bits) that may be read between two points to merge them into one request (default 0:
    /// only contiguous points merge). Only for devices that answer reads of unmapped gaps without an exception.
    /// </summary>
    public int MaxGap { get; init; }
}

/// <summary>
/// Merges the points of one device into as few read requests as possible: per function code, points sorted by
/// address join the current request while the gap to it is at most <see cref="ReadPlanOptions.MaxGap"/> and the
/// request stays within the register or bit limit. Greedy left to right, which gives the fewest requests for
/// points that must not be split.
/// </summary>
/// <remarks>Quantity limits: Modbus Application Protocol V1.1b3 §6.1-§6.4.</remarks>
public static class ModbusReadPlanner
{
    /// <summary>Plans the reads of <paramref name="points"/>.</summary>
    /// <exception cref="ArgumentException">A point spans more than one request may read, or has a non-read function code.</exception>
    public static IReadOnlyList<ReadBlock> Plan(IReadOnlyList<PointLocation> points, ReadPlanOptions? options = null)
    {
        options ??= new ReadPlanOptions();
        var blocks = new List<ReadBlock>();
        foreach (var group in Enumerable.Range(0, points.Count).GroupBy(i => points[i].Function).OrderBy(g => g.Key))
        {
            var function = group.Key;
            int max = function switch
            {
                ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs => Math.Min(options.MaxBits, ReadBitsPdu.MaxCount),
                ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters => Math.Min(options.MaxRegisters, ReadRegistersPdu.MaxCount),
                _ => throw new ArgumentException($"function 0x{(byte)function:X2} does not read points", nameof(points)),
            };
            int start = -1, end = -1;
            var members = new List<int>();
            foreach (int index in group.OrderBy(i => points[i].Address).ThenBy(i => i))
            {
                var point = points[index];
                if (point.Count < 1 || point.Count > max)
                {
                    throw new ArgumentException($"a point at {point.Address} spans {point.Count}, more than one request reads ({max})", nameof(points));
                }
                int pointEnd = point.Address + point.Count;
                if (pointEnd > 0x10000) throw new ArgumentException($"a point at {point.Address} passes the end of the address space", nameof(points));
                if (start >= 0 && point.Address - end <= options.MaxGap && Math.Max(end, pointEnd) - start <= max)
                {
                    end = Math.Max(end, pointEnd);
                    members.Add(index);
                    continue;
                }
                if (start >= 0) blocks.Add(new ReadBlock(function, (ushort)start, (ushort)(end - start), members));
                start = point.Address;
                end = pointEnd;
                members = [index];
            }
            if (start >= 0) blocks.Add(new ReadBlock(function, (ushort)start, (ushort)(end - start), members));
        }
        return blocks;
    }
}
