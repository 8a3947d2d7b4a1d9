using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Electricity;

namespace CarbonEdge.Estimation.Tests.Electricity;

public sealed class ClockCorrectionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 3, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_drift_that_falls_to_zero_is_one_correction_and_slow_drift_is_none()
    {
        // hourly checks: 200 s fast, synced, then the clock runs 0.02 s an hour fast again; a second sync from -3 s
        double[] drifts = [200, 200.02, 0.4, 0.42, 0.44, -3, -0.1];
        var events = ClockCorrections.Find("m-645", drifts.Select((d, i) => new ClockDrift(T0.AddHours(i), d)).Reverse());
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(EstimationEventKind.ClockCorrected, e.Kind));
        Assert.Equal(T0.AddHours(2), events[0].At);
        Assert.Equal("clock set between 2026-11-03T02:00:00Z and 2026-11-03T03:00:00Z: drift 200.02 s -> 0.4 s", events[0].Detail);
        Assert.Equal(T0.AddHours(6), events[1].At);
        Assert.Equal("m-645", events[1].Subject);
    }

    [Fact]
    public void One_reading_or_none_gives_no_event()
    {
        Assert.Empty(ClockCorrections.Find("m-645", []));
        Assert.Empty(ClockCorrections.Find("m-645", [new ClockDrift(T0, 200)]));
        Assert.Empty(ClockCorrections.Find("m-645", [new ClockDrift(T0, double.NaN), new ClockDrift(T0.AddHours(1), 0)]));
    }
}
