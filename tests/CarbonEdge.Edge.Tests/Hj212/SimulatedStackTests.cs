using CarbonEdge.Testing;
using CarbonEdge.Edge.Hj212;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Simulators.Cems;

namespace CarbonEdge.Edge.Tests.Hj212;

/// <summary>The simulated stack's unit (cedge-sim cems hj212) against the gateway's input, misbehaving.</summary>
public class SimulatedStackTests
{
    [Fact]
    public async Task FaultsAndAnOutage_LeaveNoGapNorDuplicate_AndEveryMinuteCarriesTheSimulatorsOwnCo2()
    {
        var station = new Hj212StationOptions { Mn = "88888880000001", Pw = "123456", Device = "stack-1" };
        await using var gateway = new Hj212Gateway(Hj212Gateway.Options(station), "hj212-sim");
        var unit = new Hj212UnitSimulator(new Hj212UnitOptions
        {
            Host = "127.0.0.1", Port = gateway.Port, Mn = station.Mn, Pw = station.Pw, BackfillHours = 1, OutageSeconds = 0.5,
            BadCrcRate = 0.03, WrongLengthRate = 0.02, DisconnectMidPacketRate = 0.02, Split = true, Dribble = true,
            AnswerTimeout = TimeSpan.FromMilliseconds(300), IntervalSeconds = 3600,
        }, TimeProvider.System, TextWriter.Null);
        using var stop = new CancellationTokenSource();
        var running = unit.RunAsync(stop.Token);
        await Poll.UntilAsync("60 minutes answered", TimeSpan.FromSeconds(120), () => unit.Ledger.MinuteRecords >= 60 && unit.Pending == 0);
        await stop.CancelAsync();
        await running;
        Assert.True(unit.Pending == 0, $"{unit.Pending} records still unanswered");

        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var readings = gateway.Readings().Where(r => r.Device == "stack-1").ToList();
        var co2 = readings.Where(r => r.Point == "cems.co2").GroupBy(r => r.Ts).ToDictionary(g => g.Key, g => g.First().Value!.Value);
        var flow = readings.Where(r => r.Point == "cems.flow.std_dry").GroupBy(r => r.Ts).ToDictionary(g => g.Key, g => g.First().Value!.Value);
        Assert.True(co2.Count >= 60);
        var minutes = co2.Keys.Order().ToList();
        Assert.All(minutes.Zip(minutes.Skip(1)), pair => Assert.Equal(TimeSpan.FromMinutes(1), pair.Second - pair.First));
        Assert.All(readings.GroupBy(r => (r.Point, r.Ts)), g => Assert.Single(g.Select(r => r.Value).Distinct())); // a re-send repeats, never differs
        foreach (var ts in minutes)
        {
            double kg = co2[ts] / 100 * flow[ts] * StackModel.Co2DensityKgPerM3 / 60;
            double? own = unit.Ledger.MinuteKg(TimeZoneInfo.ConvertTime(ts, zone).DateTime);
            Assert.NotNull(own);
            Assert.Equal(own.Value, kg, own.Value * 1e-12);
        }
    }
}
