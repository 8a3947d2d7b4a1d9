using System.Globalization;
using System.Text.Json.Nodes;
using CarbonEdge.IntegrationTests.Rig;
using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Simulators.Meters;
using CarbonEdge.Simulators.Meters.Dlt645;
using CarbonEdge.Simulators.Profiles;
using CarbonEdge.Testing;
using Xunit.Abstractions;

namespace CarbonEdge.IntegrationTests;

/// <summary>
/// A DL/T 645-2007 meter end to end: <c>cedge-sim meter dlt645</c> (a process, 200 s fast) on one end of a socat pty pair
/// -> <c>cedge run</c> (dlt645 driver on the other end) -> mosquitto -> <c>cedge-cloud</c> -> influxd. The daily frozen
/// readings (the last 7, read back at the first poll) are stored at the meter's own freeze times, yesterday's electricity
/// from them (re-estimated by the cloud once they arrive) equals the simulated meter's register difference exactly, and the broadcast time sync brings the clock
/// back, as the <c>clock.drift</c> readings show (or, near a full hour, is held back).
/// </summary>
public sealed class Dlt645EndToEndTests(ITestOutputHelper output)
{
    private const string Device = "m-645";
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task Frozen_readings_carry_the_meters_time_and_a_fast_meter_is_synced_back()
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai);
        if (local.TimeOfDay < TimeSpan.FromMinutes(10) || local.TimeOfDay > TimeSpan.FromHours(23.8))
        {
            output.WriteLine("within 10 min of the meter's midnight: the freeze and the sync rules move; nothing asserted");
            return;
        }
        var sinceFullHour = TimeSpan.FromTicks(local.TimeOfDay.Ticks % TimeSpan.TicksPerHour);
        // The gateway syncs only more than 5 min away from a full hour; the drift readings come within 2 min of here.
        bool syncExpected = sinceFullHour > TimeSpan.FromMinutes(5.5) && sinceFullHour < TimeSpan.FromMinutes(53);
        bool syncForbidden = sinceFullHour >= TimeSpan.FromMinutes(55) || sinceFullHour < TimeSpan.FromMinutes(2);
        await using var pty = await SocatPtyPair.StartAsync("dlt645-e2e-pty");
        var folder = RunFolder.Create("dlt645-e2e-sim");
        // A pty refuses parity: 8N1 at 9600 on both ends.
        await using var sim = ExternalProcess.Start("dotnet", [Executables.Simulator, "meter", "dlt645", "--serial", pty.PathA, "--baud", "9600",
            "--parity", "N", "--address", "000000001234", "--clock-offset-s", "200"], folder.File("cedge-sim.log"));
        await Poll.UntilAsync("cedge-sim serving", TimeSpan.FromSeconds(60), () =>
            Task.FromResult(!sim.HasExited && sim.ReadLog().Contains(" serving ", StringComparison.Ordinal)));
        var meter = new JsonObject
        {
            ["id"] = Device, ["driver"] = "dlt645", ["intervalMs"] = 500,
            ["dlt645"] = new JsonObject
            {
                ["address"] = "000000001234", ["serialPort"] = pty.PathB, ["baud"] = 9600, ["parity"] = "N", ["timeoutMs"] = 1000,
                ["clockCheckS"] = 1, ["clockSyncThresholdS"] = 30, ["zone"] = "Asia/Shanghai",
            },
            ["points"] = new JsonArray(new JsonObject { ["point"] = Points.EnergyActiveImport }),
        };
        await using var rig = await PlantRig.StartAsync("dlt645-e2e", [], customize: (registry, gateway) =>
        {
            registry["devices"]!.AsArray().Add(new JsonObject
            {
                ["site"] = PlantRig.Site, ["id"] = (string)meter["id"]!, ["kind"] = "meter", ["name"] = "DL/T 645 meter",
                ["multiplier"] = 1, ["rolloverKwh"] = null, ["intervalSeconds"] = 60,
            });
            gateway["devices"]!.AsArray().Add(meter);
        });

        IReadOnlyList<InfluxRow> drift = [];
        if (syncExpected)
        {
            await Poll.UntilAsync("a clock.drift within 3 s after the sync", TimeSpan.FromSeconds(90), async () =>
            {
                drift = await Rows(rig, Points.ClockDrift);
                return drift.Any(r => Math.Abs(r.Number("value")) <= 3);
            });
        }
        else
        {
            output.WriteLine($"{sinceFullHour:mm\\:ss} after a full hour: {(syncForbidden ? "the gateway must not sync the meter (hourly freezes)" : "a sync may or may not come")}");
            await Poll.UntilAsync("three clock.drift readings", TimeSpan.FromSeconds(90), async () => (drift = await Rows(rig, Points.ClockDrift)).Count >= 3);
            if (syncForbidden) Assert.All(drift, r => Assert.InRange(r.Number("value"), 195, 205));
        }
        IReadOnlyList<InfluxRow> freezes = []; // the first poll reads the last 7 (frozenBackfillDays)
        await Poll.UntilAsync("the 7 freezes stored", TimeSpan.FromSeconds(30), async () => (freezes = await Rows(rig, Points.EnergyActiveImportFrozen)).Count >= 7);
        Assert.Equal(7, freezes.Count);
        var frozen = freezes[^1];
        var energy = await Rows(rig, Points.EnergyActiveImport);

        foreach (var r in drift) output.WriteLine($"clock.drift {r.Number("time")} ms: {r.Number("value")} s");
        output.WriteLine($"frozen {frozen.Number("value")} kWh at {DateTimeOffset.FromUnixTimeMilliseconds((long)frozen.Number("time")):O}");
        // The meter 200 s fast: the first drift says so, the broadcast time sync brings it within 3 s.
        Assert.InRange(drift[0].Number("value"), 195, 205);
        // The freeze is stored at the meter's own midnight (its time, not the gateway's or the cloud's).
        var meterMidnight = new DateTimeOffset(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddSeconds(200), Shanghai).Date, Shanghai.BaseUtcOffset);
        Assert.Equal(meterMidnight.ToUnixTimeMilliseconds(), frozen.Number("time"));
        // The register frozen at midnight is below every reading of it since.
        Assert.NotEmpty(energy);
        Assert.All(energy, e => Assert.True(e.Number("value") >= frozen.Number("value"), $"{e.Number("value")} < frozen {frozen.Number("value")}"));
        Assert.True(frozen.Number("value") > 0);

        // Yesterday from the meter's own freezes (formula 1, exact): what the simulated meter served for its last two
        // midnights (the same model in this process, 200 s fast as when they were read), their difference to the 0.01 kWh.
        var model = new MeterModel(LoadProfile.Load(LoadProfile.DefaultPath), new MeterSettings());
        var values = new Dlt645MeterValues(model, new Dlt645MeterClock(new SimulationClock(TimeProvider.System), Shanghai.BaseUtcOffset, TimeSpan.FromSeconds(200)));
        decimal Served(int daysBack) => Dlt645Catalog.TryGet(Dlt645Catalog.DailyFrozenForwardActiveEnergyOf(daysBack), out var item) ? values.Read(item)[0].Number : throw new InvalidOperationException();
        for (int n = 1; n <= 7; n++) Assert.Equal((double)Served(n), freezes[7 - n].Number("value"));
        // the freezes of past midnights are late data: the cloud estimates yesterday again once they are stored
        string yesterday = meterMidnight.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        double expected = (double)(Served(1) - Served(2)), kwh = double.NaN;
        await Poll.UntilAsync($"yesterday's kWh = {expected:R} from the freezes", TimeSpan.FromSeconds(60), async () =>
        {
            using var doc = await rig.GetAsync($"/api/v1/enterprises/{PlantRig.Enterprise}/emissions/daily?from={yesterday}&to={yesterday}");
            var days = doc.RootElement.GetProperty("days").EnumerateArray().ToList();
            kwh = days.Count == 1 ? days[0].GetProperty("kwh").GetDouble() : double.NaN;
            return Math.Abs(kwh - expected) < 0.0005; // both to the 0.001 kWh the API gives
        });
        output.WriteLine($"{yesterday}: {kwh:R} kWh from the freezes, simulator register difference {expected:R} kWh");
        Assert.Contains("frozen_boundary", rig.Cloud!.ReadLog(), StringComparison.Ordinal);
    }

    private static Task<IReadOnlyList<InfluxRow>> Rows(PlantRig rig, string point) =>
        rig.Influx.RowsAsync(PlantRig.Database, $"SELECT value FROM reading WHERE device = '{Device}' AND point = '{point}' AND quality = 'good'");
}
