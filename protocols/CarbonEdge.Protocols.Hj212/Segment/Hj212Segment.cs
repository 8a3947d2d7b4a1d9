using System.Globalization;
using System.Text;
using CarbonEdge.Protocols.Hj212.Commands;

namespace CarbonEdge.Protocols.Hj212.Segment;

/// <summary>Parses and formats the data segment of a packet. Never throws on wire data.</summary>
/// <remarks>HJ 212-2017 §6.3.2, Table 4: fields separated by <c>;</c>, CP last, enclosed in <c>&amp;&amp;</c>.</remarks>
public static class Hj212Segment
{
    private const string CpOpen = "CP=&&";

    /// <summary>Parses <paramref name="segment"/> (the text between the length and the CRC of a packet).</summary>
    /// <param name="segment">The data segment.</param>
    /// <param name="packet">The fields, when true.</param>
    /// <param name="error">Why not, when false.</param>
    /// <param name="detail">A sentence naming the field at fault, when false.</param>
    public static bool TryParse(string segment, out Hj212Packet? packet, out Hj212SegmentError error, out string? detail)
    {
        packet = null;
        int cpAt = segment.StartsWith(CpOpen, StringComparison.Ordinal) ? 0 : segment.IndexOf(";" + CpOpen, StringComparison.Ordinal) + 1;
        if (cpAt == 0 && !segment.StartsWith(CpOpen, StringComparison.Ordinal))
        {
            return Fail(Hj212SegmentError.MissingField, "no CP=&&...&& field", out error, out detail);
        }
        if (segment.Length < cpAt + CpOpen.Length + 2 || !segment.EndsWith("&&", StringComparison.Ordinal))
            return Fail(Hj212SegmentError.Garbled, "CP is not closed by && at the end of the data segment", out error, out detail);
        string cp = segment[(cpAt + CpOpen.Length)..^2];
        string? qn = null, st = null, cn = null, pw = null, mn = null, flag = null, pnum = null, pno = null;
        foreach (var field in segment[..cpAt].Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = field.IndexOf('=');
            if (eq <= 0) return Fail(Hj212SegmentError.Garbled, $"field '{field}' is not key=value", out error, out detail);
            string key = field[..eq], value = field[(eq + 1)..];
            ref string? slot = ref qn;
            switch (key)
            {
                case "QN": slot = ref qn; break;
                case "ST": slot = ref st; break;
                case "CN": slot = ref cn; break;
                case "PW": slot = ref pw; break;
                case "MN": slot = ref mn; break;
                case "Flag": slot = ref flag; break;
                case "PNUM": slot = ref pnum; break;
                case "PNO": slot = ref pno; break;
                default: return Fail(Hj212SegmentError.Garbled, $"unknown field '{key}'", out error, out detail);
            }
            if (slot is not null) return Fail(Hj212SegmentError.Garbled, $"field {key} repeated", out error, out detail);
            slot = value;
        }
        if (st is null || cn is null || pw is null || mn is null)
            return Fail(Hj212SegmentError.MissingField, $"missing {string.Join(", ", new[] { ("ST", st), ("CN", cn), ("PW", pw), ("MN", mn) }.Where(f => f.Item2 is null).Select(f => f.Item1))}", out error, out detail);
        if (cn.Length != 4 || !int.TryParse(cn, NumberStyles.None, CultureInfo.InvariantCulture, out int code))
            return Fail(Hj212SegmentError.BadCn, $"CN '{cn}' is not a 4-digit command code", out error, out detail);
        if (qn is not null && (qn.Length != 17 || !Hj212Time.TryParse(qn, out _)))
            return Fail(Hj212SegmentError.BadQn, $"QN '{qn}' is not YYYYMMDDhhmmsszzz", out error, out detail);
        Hj212Flag? parsedFlag = null;
        if (flag is not null)
        {
            if (!int.TryParse(flag, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value > 255)
                return Fail(Hj212SegmentError.BadFlag, $"Flag '{flag}' is not a number 0..255", out error, out detail);
            parsedFlag = Hj212Flag.FromValue(value);
        }
        int? count = null, number = null;
        if (pnum is not null || pno is not null || parsedFlag is { Split: true })
        {
            if (!int.TryParse(pnum, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || !int.TryParse(pno, NumberStyles.None, CultureInfo.InvariantCulture, out int k)
                || n < 1 || k < 1 || k > n || parsedFlag is not { Split: true })
                return Fail(Hj212SegmentError.BadFlag, $"split packet needs Flag bit D with PNUM >= 1 and PNO in 1..PNUM (Flag={flag}, PNUM={pnum}, PNO={pno})", out error, out detail);
            (count, number) = (n, k);
        }
        packet = new Hj212Packet(qn, st, (Hj212CommandCode)code, pw, mn, parsedFlag, count, number, cp);
        error = Hj212SegmentError.None;
        detail = null;
        return true;
    }

    /// <summary>The data segment of <paramref name="packet"/>, fields in the standard's order (QN, ST, CN, PW, MN, Flag, PNUM, PNO, CP).</summary>
    public static string Format(Hj212Packet packet)
    {
        var text = new StringBuilder(64 + packet.Cp.Length);
        if (packet.Qn is not null) text.Append("QN=").Append(packet.Qn).Append(';');
        text.Append("ST=").Append(packet.St).Append(";CN=").Append(((int)packet.Cn).ToString("D4", CultureInfo.InvariantCulture))
            .Append(";PW=").Append(packet.Pw).Append(";MN=").Append(packet.Mn).Append(';');
        if (packet.Flag is { } flag) text.Append("Flag=").Append(flag.Value.ToString(CultureInfo.InvariantCulture)).Append(';');
        if (packet.PacketCount is { } n && packet.PacketNumber is { } k)
            text.Append("PNUM=").Append(n.ToString(CultureInfo.InvariantCulture)).Append(";PNO=").Append(k.ToString(CultureInfo.InvariantCulture)).Append(';');
        return text.Append(CpOpen).Append(packet.Cp).Append("&&").ToString();
    }

    private static bool Fail(Hj212SegmentError why, string message, out Hj212SegmentError error, out string? detail)
    {
        error = why;
        detail = message;
        return false;
    }
}
