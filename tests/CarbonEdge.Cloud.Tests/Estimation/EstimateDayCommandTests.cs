using CarbonEdge.Cloud.Registry;
using CarbonEdge.Testing;
using EnterpriseInfo = CarbonEdge.Cloud.Registry.EnterpriseInfo;

namespace CarbonEdge.Cloud.Tests.Estimation;

/// <summary><c>cedge-cloud estimate --day</c> as a person runs it: a real process against a real influxd; it writes and prints the day and its roll-ups.</summary>
public sealed class EstimateDayCommandTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Nov19At22 = new(2026, 11, 19, 14, 0, 0, TimeSpan.Zero); // 22:00 Asia/Shanghai
    private readonly RunFolder _folder = RunFolder.Create("estimate-day");
    private EstimationRig _rig = null!;
    private string _config = "";

    public async Task InitializeAsync()
    {
        var seed = new RegistrySeed
        {
            Enterprises = [new EnterpriseInfo("ent-1", "Kunshan Steel", "320583", "3130"), new EnterpriseInfo("ent-2", "Changshu Iron", "320581", "3110")],
            Sites = [new SiteInfo("s-1", "ent-1", "Mill"), new SiteInfo("s-2", "ent-2", "Furnace")],
            Devices =
            [
                new DeviceInfo("s-1", "m-1", "meter", "Incomer", 1, null, 900),
                new DeviceInfo("s-2", "m-2", "meter", "Incomer", 1, null, 900),
            ],
        };
        _rig = await EstimationRig.StartAsync("estimate-day-influxd", seed, Nov19At22.AddDays(3));
        // 100 kWh/h and 50 kWh/h from 22:00 on the 19th to 02:00 on the 21st
        await _rig.WriteRegisterAsync("s-1", "m-1", Nov19At22, 28 * 60, 1000, 100.0 / 60, stepMinutes: 15);
        await _rig.WriteRegisterAsync("s-2", "m-2", Nov19At22, 28 * 60, 1000, 50.0 / 60, stepMinutes: 15);
        File.WriteAllText(_folder.File("registry.json"), System.Text.Json.JsonSerializer.Serialize(seed, RegistryJsonContext.Default.RegistrySeed));
        _config = _folder.File("cedge-cloud.json");
        File.WriteAllText(_config, $$"""
            { "influx": { "url": "{{_rig.Influx.Url}}", "database": "{{EstimationRig.Database}}" },
              "registry": { "path": "registry.db", "seed": "registry.json" } }
            """);
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        string log = _folder.File($"run-{Guid.NewGuid():N}.log");
        await using var process = ExternalProcess.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "cedge-cloud.dll"), "estimate", .. args], log);
        int exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exit, process.ReadLog());
    }

    [Fact]
    public async Task A_day_is_written_and_printed_with_the_roll_ups_it_belongs_to()
    {
        var (exit, output) = await RunAsync("--day", "2026-11-20", "--config", _config);

        Assert.True(exit == 0, output);
        Assert.Contains("2400.000", output);                  // ent-1's day
        Assert.Contains("1.368720", output);                  // 2.4 MWh x 0.5703
        Assert.Contains("region:320500 city", output);        // Suzhou: ent-1 + ent-2
        Assert.Contains("3600.000", output);
        Assert.Contains("industry:3110", output);
        Assert.Contains("carbon_daily 2 rows", output);
        Assert.Contains("0 inconsistent", output);
        Assert.Equal(2, (await _rig.RowsAsync("SELECT * FROM carbon_daily")).Count);
        Assert.NotEmpty(await _rig.RowsAsync("SELECT * FROM carbon_rollup WHERE level = 'enterprise' AND enterprise = 'ent-2' AND period = 'month'"));
        using var audit = CarbonEdge.Cloud.Access.AuditLog.Open(_folder.File("registry.db"));
        Assert.Contains(audit.Read(0, 100, "estimation"), e => e.Action == "estimation.rerun" && e.Detail.StartsWith("2 daily rows", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_enterprise_prints_its_own_periods_and_parents_and_an_unknown_one_is_refused()
    {
        var (exit, output) = await RunAsync("--day", "2026-11-20", "--config", _config, "--enterprise", "ent-1");
        Assert.True(exit == 0, output);
        Assert.Contains("roll-ups of ent-1 and its industry and regions", output);
        Assert.Contains("region:320583 county", output);
        Assert.Contains("region:320500 city, industry 3130", output);
        Assert.DoesNotContain("industry:3110", output);

        (exit, output) = await RunAsync("--day", "2026-11-20", "--config", _config, "--enterprise", "ent-9");
        Assert.Equal(1, exit);
        Assert.Contains("no enterprise 'ent-9' in the registry", output);
    }
}
