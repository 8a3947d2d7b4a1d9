using CarbonEdge.IntegrationTests.Chaos;
using Xunit.Abstractions;

namespace CarbonEdge.IntegrationTests;

/// <summary>
/// The chaos run of issue 15 on real mosquitto, influxd, <c>cedge</c> and three <c>cedge-cloud</c> processes: 20 meters at
/// 1 s; the gateway SIGKILLed twice, the broker stopped, InfluxDB stopped, the cloud instance holding the estimation
/// lease SIGKILLed. Short form here (45 s, <see cref="ChaosPlan.Short"/>); <c>scripts/chaos.sh --minutes 5</c> runs the
/// full one through this same test (<c>CEDGE_CHAOS_MINUTES</c>), printing progress (<c>CEDGE_CHAOS_PROGRESS</c>).
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Nothing_committed_is_lost_or_duplicated_through_gateway_kills_broker_and_database_outages_and_a_cloud_instance_kill()
    {
        var plan = ChaosPlan.FromEnvironment();
        string? progressFile = Environment.GetEnvironmentVariable("CEDGE_CHAOS_PROGRESS");
        void Progress(string line)
        {
            output.WriteLine(line);
            if (progressFile is not null) File.AppendAllText(progressFile, line + Environment.NewLine);
        }

        await using var rig = await ChaosRig.StartAsync(plan, new InProcessFleet(plan.Devices));
        var result = await new ChaosRun(plan, rig, Progress).RunAsync();

        Progress(SeriesTally.Table(result.Series));
        Progress($"estimation lease: cedge-cloud-{result.LeaseHolderKilled} held it (the only instance estimating: {result.EstimatingBeforeKill}), "
            + $"cedge-cloud-{result.LeaseSuccessor} took over {result.Takeover.TotalSeconds:0.0} s after its SIGKILL; taken per instance: {string.Join(", ", result.LeaseTakes)}");
        Assert.All(result.Series, s => Assert.True(s.Served > plan.Duration.TotalSeconds / 2, $"{s.Device}: the gateway polled it ({s.Served} served)"));
        Assert.All(result.Series, s => Assert.Equal(0, s.Duplicated));
        Assert.All(result.Series, s => Assert.Equal(0, s.Lost));
        Assert.Equal(1, result.EstimatingBeforeKill);
        Assert.NotEqual(result.LeaseHolderKilled, result.LeaseSuccessor);
        Assert.Equal(2, result.LeaseTakes.Sum());  // the first holder once, its successor once; the restarted instance waits
    }
}
