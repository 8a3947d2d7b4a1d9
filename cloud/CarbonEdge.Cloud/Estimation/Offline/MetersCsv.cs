using CarbonEdge.Estimation.Electricity;
using CarbonEdge.Estimation.Models;
using CarbonEdge.Estimation.Regions;

namespace CarbonEdge.Cloud.Estimation.Offline;

/// <summary>One device of the meters file and the enterprise it belongs to.</summary>
internal sealed record MeterEntry(MeterConfig Meter, EnterpriseInfo Enterprise);

/// <summary>
/// Reads <c>--meters</c>: header <c>device,enterprise,region,industry,multiplier,rollover,interval_s</c>; region a
/// GB/T 2260 six-digit code; industry a GB/T 4754 code; multiplier CT x PT (&gt; 0); rollover the register's maximum
/// before it wraps (e.g. 999999.99) or empty; interval_s the nominal polling interval in seconds. CEMS analyzers are
/// listed here too (multiplier and rollover unused).
/// </summary>
internal static class MetersCsv
{
    public static readonly string[] Header = ["device", "enterprise", "region", "industry", "multiplier", "rollover", "interval_s"];
    private const int Device = 0, Enterprise = 1, Region = 2, Industry = 3, Multiplier = 4, Rollover = 5, Interval = 6;

    /// <exception cref="CsvFileException">The file cannot be opened or its header is wrong.</exception>
    public static List<MeterEntry> Read(string path, List<CsvIssue> issues)
    {
        var entries = new List<MeterEntry>();
        var devices = new HashSet<string>(StringComparer.Ordinal);
        var enterprises = new Dictionary<string, EnterpriseInfo>(StringComparer.Ordinal);
        using var table = CsvTable.Open(path, Header, issues);
        while (table.Read())
        {
            if (table.RowBad || !table.TryText(Device, out var device) || !table.TryText(Enterprise, out var enterpriseId)
                || !table.TryText(Industry, out var industry) || !table.TryNumber(Multiplier, out var multiplier))
            {
                continue;
            }
            var region = table.Text(Region);
            if (!RegionCode.TryParse(region, out _))
            {
                table.Reject(Region, $"'{region}' is not a GB/T 2260 six-digit region code (e.g. 130102)");
                continue;
            }
            double? rollover = null;
            if (table.Text(Rollover).Length > 0)
            {
                if (!table.TryNumber(Rollover, out var max)) continue;
                rollover = max;
            }
            if (!int.TryParse(table.Text(Interval), out var interval) || interval <= 0)
            {
                table.Reject(Interval, $"'{table.Text(Interval)}' is not a positive number of seconds");
                continue;
            }
            var meter = new MeterConfig(device, multiplier, rollover, interval);
            try
            {
                meter.Validate();
            }
            catch (ArgumentException ex)
            {
                table.Reject(multiplier <= 0 ? Multiplier : Rollover, ex.Message);
                continue;
            }
            var enterprise = new EnterpriseInfo(enterpriseId, region, industry);
            if (enterprises.TryGetValue(enterpriseId, out var known) && known != enterprise)
            {
                table.Reject(known.Region != region ? Region : Industry,
                    $"enterprise {enterpriseId} is {known.Region}/{known.Industry} on an earlier line, {region}/{industry} here");
                continue;
            }
            if (!devices.Add(device))
            {
                table.Reject(Device, $"device {device} is listed twice");
                continue;
            }
            enterprises[enterpriseId] = enterprise;
            entries.Add(new MeterEntry(meter, enterprise));
        }
        return entries;
    }
}
