using System.Globalization;
using System.Text;

namespace CarbonEdge.Benchmarks.Estimation;

/// <summary>
/// The estimation benchmark's fleet: <see cref="Meters"/> meters of ten per enterprise over Hebei and Jiangsu
/// counties and four industries, each read every 15 minutes over one local day in Asia/Shanghai: 96 readings inside
/// the day per meter (960,000 for 10,000 meters) plus the closing reading at the next midnight. Registers advance by
/// a deterministic pseudo-random 1..50 kWh per interval; one meter in ten wraps at 999999.99 during the day.
/// </summary>
internal sealed class EstimationBenchData(int meters)
{
    public static readonly DateOnly Day = new(2026, 11, 22);
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 16, 0, 0, TimeSpan.Zero); // local midnight, UTC+8
    private static readonly string[] Regions = ["130102", "130104", "130202", "320106", "320583"];
    private static readonly string[] Industries = ["3110", "3120", "2511", "3130"];

    public int Meters { get; } = meters;

    /// <summary>Readings per meter: 96 in the day and the closing one.</summary>
    public const int ReadingsPerMeter = 97;

    public static string Device(int m) => $"m-{m:D5}";
    public static string Enterprise(int m) => $"ent-{m / 10:D4}";
    public static string Region(int m) => Regions[m / 10 % Regions.Length];
    public static string Industry(int m) => Industries[m / 10 % Industries.Length];
    public static bool Wraps(int m) => m % 10 == 0;

    /// <summary>Register value of meter <paramref name="m"/> at reading <paramref name="k"/>, kWh.</summary>
    public static double Value(int m, int k)
    {
        double start = Wraps(m) ? 999_000 : 1000 + m * 7 % 50_000, value = start;
        for (var i = 0; i < k; i++)
        {
            value += 1 + (uint)((m * 2654435761u) ^ (i * 40503u)) % 50;
        }
        return Math.Round(Wraps(m) ? value % 1_000_000 : value, 2);
    }

    public static string Timestamp(int k) => (Start + TimeSpan.FromMinutes(15 * k)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Writes <c>meters.csv</c> and <c>readings.csv</c> in the offline command's formats.</summary>
    public void WriteCsv(string metersPath, string readingsPath)
    {
        var ci = CultureInfo.InvariantCulture;
        using (var meters = new StreamWriter(metersPath, false, new UTF8Encoding(false)))
        {
            meters.WriteLine("device,enterprise,region,industry,multiplier,rollover,interval_s");
            for (var m = 0; m < Meters; m++)
            {
                meters.WriteLine($"{Device(m)},{Enterprise(m)},{Region(m)},{Industry(m)},{(m % 3 == 0 ? 40 : 1)},{(Wraps(m) ? "999999.99" : "")},900");
            }
        }
        using var readings = new StreamWriter(readingsPath, false, new UTF8Encoding(false), 1 << 20);
        readings.WriteLine("device,point,ts,value,quality");
        for (var k = 0; k < ReadingsPerMeter; k++)
        {
            var ts = Timestamp(k);
            for (var m = 0; m < Meters; m++)
            {
                readings.Write(Device(m));
                readings.Write(",energy.active.import,");
                readings.Write(ts);
                readings.Write(',');
                readings.Write(Value(m, k).ToString(ci));
                readings.WriteLine(",good");
            }
        }
    }
}
