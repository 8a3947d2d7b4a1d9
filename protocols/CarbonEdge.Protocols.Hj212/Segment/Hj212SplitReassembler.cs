namespace CarbonEdge.Protocols.Hj212.Segment;

/// <summary>
/// Joins the parts of split packets (Flag bit D, PNUM/PNO) into one packet whose CP is the parts' CPs in PNO order.
/// Parts are matched by MN, QN and CN; at most <see cref="MaxPending"/> packets wait at once (the oldest is
/// dropped and reported beyond that). Not thread-safe: one per link.
/// </summary>
/// <remarks>HJ 212-2017 §6.3.3, Table 5 (Flag bit D) and Table 4 (PNUM, PNO).</remarks>
public sealed class Hj212SplitReassembler
{
    /// <summary>How many split packets may wait for their missing parts.</summary>
    public const int MaxPending = 32;

    private readonly List<(string Key, Hj212Packet?[] Parts)> _pending = [];

    /// <summary>Split packets dropped because more than <see cref="MaxPending"/> waited at once.</summary>
    public long Abandoned { get; private set; }

    /// <summary>
    /// Adds a packet. A packet that is not split comes back as it is; a part comes back as the whole packet when it
    /// was the last one missing, otherwise null. A repeated part replaces the earlier copy.
    /// </summary>
    public Hj212Packet? Add(Hj212Packet packet)
    {
        if (!packet.IsSplit) return packet;
        int count = packet.PacketCount!.Value, number = packet.PacketNumber!.Value;
        string key = $"{packet.Mn}|{packet.Qn}|{(int)packet.Cn}|{count}";
        int index = _pending.FindIndex(p => p.Key == key);
        if (index < 0)
        {
            if (_pending.Count == MaxPending)
            {
                _pending.RemoveAt(0);
                Abandoned++;
            }
            _pending.Add((key, new Hj212Packet?[count]));
            index = _pending.Count - 1;
        }
        var parts = _pending[index].Parts;
        parts[number - 1] = packet;
        if (Array.Exists(parts, p => p is null)) return null;
        _pending.RemoveAt(index);
        var cp = string.Join(';', parts.Select(p => p!.Cp).Where(c => c.Length > 0));
        return packet with { Flag = packet.Flag!.Value with { Split = false }, PacketCount = null, PacketNumber = null, Cp = cp };
    }
}
