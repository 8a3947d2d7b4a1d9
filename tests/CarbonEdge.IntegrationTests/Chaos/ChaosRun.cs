using System.Diagnostics;
using CarbonEdge.Testing;

namespace CarbonEdge.IntegrationTests.Chaos;

/// <summary>What a chaos run found: the per-series tally and the estimation lease's history.</summary>
/// <param name="Series">Each meter's energy series, served against stored.</param>
/// <param name="LeaseHolderKilled">The cloud instance (1-based) that held the lease and was killed.</param>
/// <param name="LeaseSuccessor">The instance (1-based) that took the lease over.</param>
/// <param name="Takeover">From the SIGKILL to the successor's log saying it took the lease.</param>
/// <param name="EstimatingBeforeKill">Instances with an estimation run started before the kill (expected: one).</param>
/// <param name="LeaseTakes">Per instance, how often it took the lease over the whole run.</param>
internal sealed record ChaosResult(IReadOnlyList<SeriesTally> Series, int LeaseHolderKilled, int LeaseSuccessor, TimeSpan Takeover,
    int EstimatingBeforeKill, int[] LeaseTakes);

/// <summary>
/// Runs a <see cref="ChaosPlan"/> on a <see cref="ChaosRig"/>: starts the clock once every meter's readings are in
/// InfluxDB, plays the events at their times (the outage lengths are the plan's; everything else waits on a
/// condition), stops the meters, waits for InfluxDB to hold what they served (or to stop changing), and tallies.
/// Progress goes to <paramref name="progress"/>.
/// </summary>
internal sealed class ChaosRun(ChaosPlan plan, ChaosRig rig, Action<string> progress)
{
    private readonly Stopwatch _clock = new();

    public async Task<ChaosResult> RunAsync()
    {
        progress($"{plan.Devices} meters at {plan.PollMs} ms, {plan.CloudInstances} cloud instances, {plan.Duration.TotalSeconds:0} s; waiting for every meter's readings in InfluxDB");
        await Poll.UntilAsync("readings of every meter in InfluxDB", TimeSpan.FromSeconds(90),
            async () => (await rig.EnergyCountsAsync()).Count == plan.Devices, TimeSpan.FromMilliseconds(500));
        _clock.Start();
        await StoredAsync("started");

        await AtAsync(0.10, "gateway SIGKILL #1");
        await rig.KillGatewayAsync();
        rig.StartGateway();

        await AtAsync(0.20, $"broker stopped for {plan.BrokerDown.TotalSeconds:0} s");
        await rig.Broker.StopAsync();
        await AtAsync(0.40, "broker started again");
        await rig.Broker.StartAgainAsync();
        await StoredAsync("broker back");

        await AtAsync(0.45, $"InfluxDB stopped for {plan.InfluxDown.TotalSeconds:0} s");
        await rig.Influx.StopAsync();

        await AtAsync(0.55, "cloud instance holding the estimation lease: SIGKILL");
        int[] takes = rig.LeaseTakes();
        int[] runs = rig.EstimationRuns();
        int holder = Array.FindIndex(takes, t => t > 0);
        if (holder < 0 || takes.Count(t => t > 0) != 1) throw new InvalidOperationException($"expected one lease holder, lease taken per instance: {string.Join(", ", takes)}");
        var killedAt = _clock.Elapsed;
        await rig.KillCloudAsync(holder);
        int successor = -1;
        await Poll.UntilAsync("another instance taking the estimation lease over", TimeSpan.FromSeconds(plan.LeaseSeconds + 60), () =>
        {
            int[] now = rig.LeaseTakes();
            successor = Enumerable.Range(0, now.Length).FirstOrDefault(i => i != holder && now[i] > 0, -1);
            return successor >= 0;
        }, TimeSpan.FromMilliseconds(250));
        var takeover = _clock.Elapsed - killedAt;
        progress($"  cedge-cloud-{successor + 1} took the estimation lease over {takeover.TotalSeconds:0.0} s after cedge-cloud-{holder + 1} was killed (lease {plan.LeaseSeconds} s)");

        await AtAsync(0.65, "gateway SIGKILL #2");
        await rig.KillGatewayAsync();
        rig.StartGateway();

        await AtAsync(0.75, $"cedge-cloud-{holder + 1} started again (as its supervisor would): its persistent session holds its share");
        await rig.StartCloudAsync(holder);

        await AtAsync(0.85, "InfluxDB started again");
        await rig.Influx.StartAgainAsync();
        await StoredAsync("InfluxDB back");

        await AtAsync(1.0, "meters stopped; draining");
        await rig.Devices.StopAsync();
        var served = rig.Devices.Devices.ToDictionary(d => d.Id, d => rig.Devices.EnergyReadsServed(d.Id));
        var counts = await DrainAsync(served);
        progress($"drained at t+{_clock.Elapsed.TotalSeconds:0} s");

        var series = served.OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new SeriesTally(s.Key, s.Value, counts.GetValueOrDefault(s.Key), plan.GatewayKills)).ToList();
        return new ChaosResult(series, holder + 1, successor + 1, takeover, runs.Count(r => r > 0), rig.LeaseTakes());
    }

    /// <summary>
    /// Until InfluxDB holds what was served, or its counts have not moved for 40 s: longer than the cloud's longest
    /// write back-off (30 s) and the gateway's reconnect back-off (30 s), so what is missing then is missing.
    /// </summary>
    private async Task<Dictionary<string, long>> DrainAsync(Dictionary<string, long> served)
    {
        var counts = new Dictionary<string, long>();
        var lastChange = _clock.Elapsed;
        await Poll.UntilAsync("InfluxDB counts reaching what the meters served", TimeSpan.FromMinutes(5), async () =>
        {
            var now = await rig.EnergyCountsAsync();
            if (now.Count != counts.Count || now.Any(c => counts.GetValueOrDefault(c.Key) != c.Value)) lastChange = _clock.Elapsed;
            counts = now;
            return served.All(s => counts.GetValueOrDefault(s.Key) == s.Value) || _clock.Elapsed - lastChange > TimeSpan.FromSeconds(40);
        }, TimeSpan.FromMilliseconds(500));
        return counts;
    }

    /// <summary>Waits for the scripted time of an event (the outage schedule itself is timed), then announces it.</summary>
    private async Task AtAsync(double fraction, string what)
    {
        var wait = plan.At(fraction) - _clock.Elapsed;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        progress($"t+{_clock.Elapsed.TotalSeconds,5:0.0} s  {what}");
    }

    private async Task StoredAsync(string when)
    {
        var counts = await rig.EnergyCountsAsync();
        progress($"  {when}: {counts.Values.Sum()} energy readings stored, {plan.Devices} meters served {rig.Devices.Devices.Sum(d => rig.Devices.EnergyReadsServed(d.Id))}");
    }
}
