using CarbonEdge.Testing;
using CarbonEdge.IntegrationTests.Rig;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Simulators.Meters;
using Xunit.Abstractions;

namespace CarbonEdge.IntegrationTests;

/// <summary>
/// Simulated meters -> cedge (process) -> mosquitto -> cedge-cloud (process) -> influxd, with the gateway killed with
/// SIGKILL and the broker restarted in the middle: every energy reading the meters served is in InfluxDB once.
/// </summary>
public sealed class ExactlyOnceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_served_reading_arrives_once_through_a_gateway_kill_and_a_broker_restart()
    {
        await using var rig = await PlantRig.StartAsync("exactly-once",
            [new MeterSettings(RegisterBaseKwh: 1000), new MeterSettings(Scale: 0.5, DayOffset: 40, RegisterBaseKwh: 500)], pollMs: 200);
        const int kills = 1;

        // each event in steady delivery: everything served so far stored, and 10 polls more of every meter after it
        await CaughtUpAsync(rig, kills, "the gateway delivering");
        await rig.KillGatewayAsync();                  // SIGKILL: buffered and in-flight batches must survive
        await rig.StartGatewayAsync();
        await CaughtUpAsync(rig, kills, "the restarted gateway's backlog delivered");
        await rig.Broker.RestartAsync(TimeSpan.FromSeconds(2)); // both clients reconnect; persistent sessions
        await CaughtUpAsync(rig, kills, "both clients back on the restarted broker");
        foreach (var meter in rig.Meters) await meter.StopAsync();
        var served = rig.Meters.ToDictionary(m => m.Device, m => m.EnergyReadsServed);

        // drain: wait until everything served is stored, or the counts stop moving
        var counts = new Dictionary<string, long>();
        var lastChange = DateTime.UtcNow;
        await Poll.UntilAsync("InfluxDB counts reaching what the meters served", TimeSpan.FromSeconds(90), async () =>
        {
            bool changed = false;
            foreach (var meter in rig.Meters)
            {
                long count = await rig.CountAsync(meter.Device, Points.EnergyActiveImport);
                changed |= counts.GetValueOrDefault(meter.Device, -1) != count;
                counts[meter.Device] = count;
            }
            if (changed) lastChange = DateTime.UtcNow;
            return counts.All(c => c.Value == served[c.Key]) || DateTime.UtcNow - lastChange > TimeSpan.FromSeconds(8);
        });

        foreach (var meter in rig.Meters)
        {
            output.WriteLine($"{meter.Device}: served {served[meter.Device]}, in InfluxDB {counts[meter.Device]}");
            Assert.True(served[meter.Device] > 10, "the gateway polled the meter");
            // Never more than served: nothing duplicated. At most one less per SIGKILL: the poll in flight when the
            // process died (answered by the meter, not yet in the buffer) is the only thing a crash may lose.
            Assert.InRange(counts[meter.Device], served[meter.Device] - kills, served[meter.Device]);
        }
        using var ingestion = await rig.GetAsync("/api/v1/ingestion");
        var counters = ingestion.RootElement.GetProperty("counters");
        output.WriteLine(counters.ToString());
        Assert.Equal(0, counters.GetProperty("seqGaps").GetInt64());
        Assert.Empty(counters.GetProperty("messagesRejected").EnumerateObject());
        Assert.Empty(counters.GetProperty("readingsRejected").EnumerateObject());
    }

    /// <summary>
    /// Until InfluxDB holds what every meter had served when called and <see cref="SteadyPolls"/> readings more (less
    /// the poll each SIGKILL may lose): the whole path is delivering, the backlog is through, and it has been steady.
    /// </summary>
    private const int SteadyPolls = 10;

    private static async Task CaughtUpAsync(PlantRig rig, int kills, string what)
    {
        var served = rig.Meters.ToDictionary(m => m.Device, m => m.EnergyReadsServed);
        await Poll.UntilAsync(what, TimeSpan.FromSeconds(60), async () =>
        {
            foreach (var meter in rig.Meters)
            {
                if (await rig.CountAsync(meter.Device, Points.EnergyActiveImport) < served[meter.Device] + SteadyPolls - kills) return false;
            }
            return true;
        }, TimeSpan.FromMilliseconds(200));
    }
}
