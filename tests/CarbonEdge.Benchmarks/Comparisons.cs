namespace CarbonEdge.Benchmarks;

/// <summary>
/// End-to-end comparisons against real peers (libmodbus, mosquitto_pub, ...): each runs ours and the peer in the
/// same run on the same machine and prints both figures in one table. One entry per comparison, each in its own file.
/// </summary>
internal static class Comparisons
{
    private static readonly Dictionary<string, (string Description, Func<string[], Task<int>> Run)> All = new()
    {
        ["estimation-influx"] = ("one day of 10,000 meters in influxd: cedge-cloud estimate --day vs influxd SPREAD", Estimation.EstimationInfluxComparison.RunAsync),
        ["dlt645-line"] = (Dlt645LineComparison.Description, Dlt645LineComparison.RunAsync),
        ["ingestion"] = (IngestionComparison.Description, IngestionComparison.RunAsync),
        ["fleet"] = (FleetComparison.Description, FleetComparison.RunAsync),
        ["estimation-csv"] = ("one day of 10,000 meters from CSV: cedge-cloud estimate vs sqlite3 group-by", Estimation.EstimationCsvComparison.RunAsync),
        ["modbus-tcp-read"] = (ModbusTcpReadComparison.Description, ModbusTcpReadComparison.RunAsync),
        ["region-province"] = (Regional.RegionComparison.Description, Regional.RegionComparison.RunAsync),
        ["uplink"] = (UplinkComparison.Description, UplinkComparison.RunAsync),
    };

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is [] or ["--list"])
        {
            Console.WriteLine("comparisons (cedge-bench compare <name>):");
            foreach (var (name, (description, _)) in All.OrderBy(e => e.Key))
            {
                Console.WriteLine($"  {name,-28} {description}");
            }
            return args is [] ? 2 : 0;
        }
        if (!All.TryGetValue(args[0], out var entry))
        {
            Console.Error.WriteLine($"unknown comparison '{args[0]}'; cedge-bench compare --list shows them");
            return 2;
        }
        return await entry.Run(args[1..]);
    }
}
