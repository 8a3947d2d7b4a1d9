using System.Globalization;

namespace CarbonEdge.Benchmarks;

/// <summary>
/// CPU time used so far by this process and by its child processes of one name (the influxd and mosquitto a comparison
/// started), from <c>/proc/[pid]/stat</c> (utime + stime, proc(5)); zeros where there is no /proc.
/// </summary>
internal readonly record struct ProcessCpu(TimeSpan Self, TimeSpan Influxd, TimeSpan Mosquitto)
{
    /// <summary>The CPU times now.</summary>
    public static ProcessCpu Now()
    {
        if (!Directory.Exists("/proc")) return default;
        int me = Environment.ProcessId;
        TimeSpan self = default, influxd = default, mosquitto = default;
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid) || Read(pid) is not var (name, parent, used)) continue;
            if (pid == me) self = used;
            else if (parent == me && name == "influxd") influxd += used;
            else if (parent == me && name == "mosquitto") mosquitto += used;
        }
        return new ProcessCpu(self, influxd, mosquitto);
    }

    /// <summary>CPU time used so far by process <paramref name="pid"/> (zero when it is gone or there is no /proc).</summary>
    public static TimeSpan Of(int pid) => Read(pid)?.Used ?? TimeSpan.Zero;

    /// <summary>Name, parent and utime + stime of <paramref name="pid"/> from /proc/[pid]/stat (proc(5)), or null when it is gone.</summary>
    private static (string Name, int Parent, TimeSpan Used)? Read(int pid)
    {
        const double ticksPerSecond = 100; // USER_HZ, 100 on Linux
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // gone meanwhile
        }
        int close = stat.LastIndexOf(')');
        string[] fields = stat[(close + 2)..].Split(' '); // from field 3 (state) on
        return (stat[(stat.IndexOf('(') + 1)..close], int.Parse(fields[1], CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / ticksPerSecond));
    }

    /// <summary>CPU used since <paramref name="start"/>.</summary>
    public static ProcessCpu operator -(ProcessCpu end, ProcessCpu start) =>
        new(end.Self - start.Self, end.Influxd - start.Influxd, end.Mosquitto - start.Mosquitto);

    /// <summary>Microseconds of CPU per reading: this process, influxd, mosquitto.</summary>
    public string PerReading(int readings) => string.Create(CultureInfo.InvariantCulture,
        $"{Self.TotalMicroseconds / readings,5:0.0} {Influxd.TotalMicroseconds / readings,5:0.0} {Mosquitto.TotalMicroseconds / readings,5:0.0}");
}
