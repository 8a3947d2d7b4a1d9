using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CarbonEdge.IntegrationTests.Rig;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Simulators.Meters;
using CarbonEdge.Testing;
using Xunit.Abstractions;

namespace CarbonEdge.IntegrationTests;

/// <summary>
/// An outage longer than the gateway buffer holds (issue 15, "Buffer-full test"): the broker is down while a meter
/// polled every 200 ms fills a buffer of 100 readings, so the gateway evicts instantaneous readings and then thins the
/// energy registers to one per point and minute (<c>buffer.keepEnergyEveryMinutes</c> 1). After the outage every kept
/// energy reading is in InfluxDB (one per point and minute at least) and, by kind, what is missing from InfluxDB is
/// exactly what the gateway counted as evicted (the restarted gateway, polling the stopped meter, gets a larger buffer
/// first, so that its bad readings evict nothing).
/// </summary>
public sealed partial class BufferFullTests(ITestOutputHelper output)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task AfterAnOutageLongerThanTheBuffer_KeptEnergyIsStored_AndTheEvictedCountsEqualWhatIsMissing()
    {
        int metricsPort = FreePort.Next();
        await using var rig = await PlantRig.StartAsync("buffer-full", [new MeterSettings(RegisterBaseKwh: 1000)], pollMs: 200, customize: (_, gateway) =>
        {
            gateway["buffer"] = new JsonObject { ["maxReadings"] = 100, ["keepEnergyEveryMinutes"] = 1 };
            gateway["health"] = new JsonObject { ["metricsPort"] = metricsPort };
        });
        var meter = rig.Meters[0];
        await Poll.UntilAsync("the meter's first readings in InfluxDB", TimeSpan.FromSeconds(60),
            async () => await rig.CountAsync(meter.Device, Points.EnergyActiveImport) > 0, TimeSpan.FromMilliseconds(200));

        await rig.Broker.StopAsync();
        await Poll.UntilAsync("the full buffer evicting energy readings too", TimeSpan.FromSeconds(90),
            async () => (await EvictedAsync(metricsPort)).GetValueOrDefault("energy") > 0, TimeSpan.FromMilliseconds(500));
        await rig.StopGatewayAsync(); // what the meter served from here on was never taken: the production is final
        long polls = meter.EnergyReadsServed;
        await meter.StopAsync();
        // the restarted gateway polls a stopped meter (bad readings): a larger buffer, so that nothing taken before is evicted now
        string config = rig.Folder.File("gateway.json");
        var gatewayConfig = JsonNode.Parse(await File.ReadAllTextAsync(config))!;
        gatewayConfig["buffer"]!["maxReadings"] = 100_000;
        await File.WriteAllTextAsync(config, gatewayConfig.ToJsonString());
        await rig.Broker.StartAgainAsync();
        await rig.StartGatewayAsync();
        await Poll.UntilAsync("the gateway's buffer drained", TimeSpan.FromSeconds(90),
            async () => await MetricAsync(metricsPort, "cedge_gateway_buffer_readings") == 0, TimeSpan.FromMilliseconds(500));
        var evicted = await EvictedAsync(metricsPort);
        var points = MeterRegisters.Canonical.Select(r => r.Point).ToList();
        int energyPoints = points.Count(IsEnergy), instantaneousPoints = points.Count - energyPoints;
        // the cloud may still be reconnecting: wait for all but the last poll's readings, then for the counts to hold still
        var stored = new Dictionary<string, long>();
        await Poll.UntilAsync("InfluxDB holding the drained batches", TimeSpan.FromSeconds(60), async () =>
        {
            var now = await StoredByKindAsync(rig, meter.Device);
            bool settled = now.SequenceEqual(stored);
            stored = now;
            return settled && now["energy"] + evicted.GetValueOrDefault("energy") >= energyPoints * (polls - 1)
                && now["instantaneous"] + evicted.GetValueOrDefault("instantaneous") >= instantaneousPoints * (polls - 1);
        }, TimeSpan.FromSeconds(2));

        output.WriteLine($"polls served {polls}; stored {string.Join(", ", stored)}; evicted {string.Join(", ", evicted)}");
        Assert.True(evicted.GetValueOrDefault("instantaneous") > 0);
        // one poll may have been answered and not yet stored when the gateway stopped: the same for every point
        long taken = stored["energy"] + evicted["energy"] == energyPoints * polls ? polls : polls - 1;
        Assert.Equal(energyPoints * taken, stored["energy"] + evicted["energy"]);
        Assert.Equal(instantaneousPoints * taken, stored["instantaneous"] + evicted["instantaneous"]);

        // the rule: at least one reading of every energy point in every minute the meter was polled
        foreach (string point in points.Where(IsEnergy))
        {
            var rows = await rig.Influx.RowsAsync(PlantRig.Database,
                $"SELECT count(value) FROM reading WHERE device = '{meter.Device}' AND point = '{point}' AND quality = 'good' AND time > now() - 1h GROUP BY time(1m) fill(0)");
            var minutes = rows.SkipWhile(r => r.Number("count") == 0).Reverse().SkipWhile(r => r.Number("count") == 0).ToList();
            Assert.All(minutes, minute => Assert.True(minute.Number("count") >= 1, $"{point}: a minute without an energy reading"));
        }
    }

    private static bool IsEnergy(string point) => Points.TryGet(point, out var definition) && definition.IsCumulative;

    /// <summary>Good readings of <paramref name="device"/> in InfluxDB by kind (energy: cumulative catalog points).</summary>
    private static async Task<Dictionary<string, long>> StoredByKindAsync(PlantRig rig, string device)
    {
        var rows = await rig.Influx.RowsAsync(PlantRig.Database, $"SELECT count(value) FROM reading WHERE device = '{device}' AND quality = 'good' GROUP BY point");
        var byKind = new Dictionary<string, long> { ["energy"] = 0, ["instantaneous"] = 0 };
        foreach (var row in rows) byKind[IsEnergy(row.Tags["point"]) ? "energy" : "instantaneous"] += (long)row.Number("count");
        return byKind;
    }

    private static async Task<Dictionary<string, long>> EvictedAsync(int metricsPort)
    {
        var counts = new Dictionary<string, long>();
        foreach (Match match in EvictedLine().Matches(await ScrapeAsync(metricsPort)))
            counts[match.Groups[1].Value] = (long)double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return counts;
    }

    private static async Task<double> MetricAsync(int metricsPort, string name)
    {
        var match = Regex.Match(await ScrapeAsync(metricsPort), $"^{name} (\\S+)$", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
    }

    /// <summary>The gateway's /metrics, or "" while it does not answer (starting, stopped).</summary>
    private static async Task<string> ScrapeAsync(int metricsPort)
    {
        try
        {
            return await Http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics");
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    [GeneratedRegex("^cedge_gateway_buffer_evicted_total\\{kind=\"(\\w+)\"\\} (\\S+)$", RegexOptions.Multiline)]
    private static partial Regex EvictedLine();
}
