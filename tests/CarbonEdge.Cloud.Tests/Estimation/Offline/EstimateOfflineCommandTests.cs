using System.Globalization;
using CarbonEdge.Cloud.Cli;
using CarbonEdge.Testing;

namespace CarbonEdge.Cloud.Tests.Estimation.Offline;

/// <summary>The offline form of <c>cedge-cloud estimate</c>, run in-process through the real command line.</summary>
public sealed class EstimateOfflineCommandTests
{
    private readonly RunFolder _folder = RunFolder.Create("offline-estimate");

    /// <summary>Two meters of one enterprise in Hebei, a day of quarter-hour readings in Asia/Shanghai (16:00Z to 16:00Z).</summary>
    private (string Readings, string Meters) Inputs()
    {
        var start = new DateTimeOffset(2026, 11, 21, 16, 0, 0, TimeSpan.Zero);
        var lines = new List<string> { "device,point,ts,value,quality" };
        for (var k = 0; k <= 96; k++)
        {
            var ts = (start + TimeSpan.FromMinutes(15 * k)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            lines.Add($"m-1,energy.active.import,{ts},{(1000 + 10 * k).ToString(CultureInfo.InvariantCulture)},good");
            lines.Add($"m-2,energy.active.import,{ts},{(5 + 0.005 * k).ToString(CultureInfo.InvariantCulture)},good");
        }
        var readings = _folder.File("readings.csv");
        File.WriteAllLines(readings, lines);
        var meters = _folder.File("meters.csv");
        File.WriteAllText(meters, "device,enterprise,region,industry,multiplier,rollover,interval_s\n" +
                                  "m-1,ent-1,130102,3110,1,,900\nm-2,ent-1,130102,3110,100,999999.99,900\n");
        return (readings, meters);
    }

    private static int Run(params string[] args) => CloudCommand.Create().Parse(["estimate", .. args]).Invoke();

    [Fact]
    public void One_day_gives_the_hand_computed_row()
    {
        // m-1: 96 x 10 = 960 kWh; m-2: 96 x 0.005 x 100 (CT x PT) = 48 kWh; 1008 kWh = 1.008 MWh.
        // grid: 1.008 x 0.5703 tCO2/MWh (ETS 2022) = 0.5748624 tCO2. Completeness 192/192 = 1.
        var (readings, meters) = Inputs();
        var output = _folder.File("out.csv");

        var exit = Run("--readings", readings, "--meters", meters, "--from", "2026-11-22", "--to", "2026-11-22", "--out", output);

        Assert.Equal(0, exit);
        var rows = File.ReadAllLines(output);
        Assert.Equal("enterprise,day,method,kwh,tco2,completeness,estimated", rows[0]);
        var fields = rows[1].Split(',');
        Assert.Equal(["ent-1", "2026-11-22", "grid"], fields[..3]);
        Assert.Equal(1008, double.Parse(fields[3], CultureInfo.InvariantCulture), 9);
        Assert.Equal(0.5748624, double.Parse(fields[4], CultureInfo.InvariantCulture), 12);
        Assert.Equal(["1", "false"], fields[5..]);
        Assert.Equal(2, rows.Length);
    }

    [Fact]
    public void The_grid_factor_override_and_roll_ups_appear_in_the_output()
    {
        // --grid-factor 0.5: 1.008 MWh x 0.5 = 0.504 tCO2, on the day, and on every roll-up of it.
        var (readings, meters) = Inputs();
        var output = _folder.File("rollup.csv");

        var exit = Run("--readings", readings, "--meters", meters, "--from", "2026-11-22", "--to", "2026-11-22",
            "--grid-factor", "0.5", "--rollup", "--out", output);

        Assert.Equal(0, exit);
        var rows = File.ReadAllLines(output).Select(r => r.Split(',')).ToList();
        Assert.Equal("consistent", rows[0][^1]);
        Assert.Equal("", rows[1][^1]);
        Assert.Equal(0.504, double.Parse(rows[1][4], CultureInfo.InvariantCulture), 12);
        foreach (var (key, period) in new[] { ("ent-1", "2026-11"), ("ent-1", "2026-Q4"), ("ent-1", "2026"), ("industry:3110", "2026-11-22"),
                     ("region:130102", "2026-11-22"), ("region:130100", "2026-11"), ("region:130000", "2026") })
        {
            var row = Assert.Single(rows, r => r[0] == key && r[1] == period);
            Assert.Equal(0.504, double.Parse(row[4], CultureInfo.InvariantCulture), 12);
            Assert.Equal("true", row[7]);
        }
        // The month has 29 days without a result: completeness 1/30, estimated.
        var month = Assert.Single(rows, r => r[0] == "ent-1" && r[1] == "2026-11");
        Assert.Equal(1.0 / 30, double.Parse(month[5], CultureInfo.InvariantCulture), 12);
        Assert.Equal("true", month[6]);
    }

    [Fact]
    public void Usage_errors_exit_2_and_unusable_files_exit_1_without_output()
    {
        var (readings, meters) = Inputs();
        var badMeters = _folder.File("bad-meters.csv");
        File.WriteAllText(badMeters, "device,enterprise\nm-1,ent-1\n");
        var output = _folder.File("never.csv");

        Assert.Equal(2, Run("--readings", readings, "--meters", meters, "--from", "2026-11-22", "--to", "2026-11-22"));
        Assert.Equal(2, Run("--readings", readings, "--meters", meters, "--from", "2026-11-23", "--to", "2026-11-22", "--out", output));
        Assert.Equal(2, Run("--readings", readings, "--meters", meters, "--from", "2026-11-22", "--to", "2026-11-22", "--zone", "Mars/Olympus", "--out", output));
        Assert.Equal(2, Run("--readings", readings, "--meters", meters, "--from", "2026-11-22", "--to", "2026-11-22", "--grid-factor", "-1", "--out", output));
        Assert.Equal(1, Run("--readings", readings, "--meters", badMeters, "--from", "2026-11-22", "--to", "2026-11-22", "--out", output));
        Assert.False(File.Exists(output));
    }
}
