using CarbonEdge.Estimation.Cems;
using CarbonEdge.Estimation.Electricity;
using CarbonEdge.Protocols.Telemetry;
using ReadingQuality = CarbonEdge.Estimation.Electricity.ReadingQuality;

namespace CarbonEdge.Cloud.Estimation.Offline;

/// <summary>The readings file, grouped by device: energy registers for formula 1, CEMS points for model 4.</summary>
/// <param name="Registers"><c>energy.active.import</c> readings by device, in file order.</param>
/// <param name="Cems"><c>cems.*</c> readings by device.</param>
/// <param name="Rows">Data rows read.</param>
/// <param name="Ignored">Rows of other points (not used by the estimation).</param>
internal sealed record ReadingsFile(
    Dictionary<string, List<RegisterReading>> Registers, Dictionary<string, List<CemsPointReading>> Cems, long Rows, long Ignored);

/// <summary>
/// Reads <c>--readings</c>: header <c>device,point,ts,value,quality</c>; <c>ts</c> RFC 3339 (UTC <c>Z</c> or with an
/// offset); <c>quality</c> good|uncertain|bad; <c>value</c> may be empty only when bad.
/// </summary>
internal static class ReadingsCsv
{
    public static readonly string[] Header = ["device", "point", "ts", "value", "quality"];
    private const int Device = 0, Point = 1, Ts = 2, Value = 3, Quality = 4;

    /// <exception cref="CsvFileException">The file cannot be opened or its header is wrong.</exception>
    public static ReadingsFile Read(string path, List<CsvIssue> issues)
    {
        var registers = new Dictionary<string, List<RegisterReading>>(StringComparer.Ordinal);
        var cems = new Dictionary<string, List<CemsPointReading>>(StringComparer.Ordinal);
        long rows = 0, ignored = 0;
        using var table = CsvTable.Open(path, Header, issues);
        Span<char> buffer = stackalloc char[48];
        while (table.Read())
        {
            rows++;
            if (table.RowBad || !table.TryText(Device, out var device) || !table.TryText(Point, out var point))
            {
                continue;
            }
            var isRegister = point == Points.EnergyActiveImport;
            var isCems = point.StartsWith("cems.", StringComparison.Ordinal);
            if (!isRegister && !isCems)
            {
                ignored++;
                continue;
            }
            if (!Timestamps.TryParse(table.Chars(Ts, buffer), out var ts))
            {
                table.Reject(Ts, $"'{table.Text(Ts)}' is not an RFC 3339 timestamp with a zone (e.g. 2026-11-21T16:00:00Z or 2026-11-22T00:00:00+08:00)");
                continue;
            }
            if (!TryQuality(table.Text(Quality), out var quality))
            {
                table.Reject(Quality, $"'{table.Text(Quality)}' is not good, uncertain or bad");
                continue;
            }
            var value = double.NaN;
            if (!table.IsEmpty(Value) || quality != ReadingQuality.Bad)
            {
                if (!table.TryNumber(Value, out value))
                {
                    continue;
                }
            }
            if (isRegister)
            {
                Add(registers, device, new RegisterReading(ts, value, quality));
            }
            else
            {
                Add(cems, device, new CemsPointReading(ts, point, value, quality));
            }
        }
        return new ReadingsFile(registers, cems, rows, ignored);
    }

    private static void Add<T>(Dictionary<string, List<T>> byDevice, string device, T item)
    {
        if (!byDevice.TryGetValue(device, out var list))
        {
            byDevice[device] = list = [];
        }
        list.Add(item);
    }

    private static bool TryQuality(string text, out ReadingQuality quality)
    {
        (var ok, quality) = text switch
        {
            "good" => (true, ReadingQuality.Good),
            "uncertain" => (true, ReadingQuality.Uncertain),
            "bad" => (true, ReadingQuality.Bad),
            _ => (false, ReadingQuality.Bad),
        };
        return ok;
    }
}
