using CarbonEdge.Estimation.Electricity;
using static CarbonEdge.Estimation.Tests.Register;

namespace CarbonEdge.Estimation.Tests.Electricity;

public class FrozenDayTests
{
    private static readonly MeterConfig Meter = new("m-645", Multiplier: 40, RolloverMax: 999999.99, IntervalSeconds: 900);

    // Register readings 2 h apart: both midnights fall between readings 10:00 apart, so the register day is estimated.
    // 2026-11-21T10:00Z = 1000, 2026-11-21T20:00Z = 1010, 2026-11-22T10:00Z = 1020, 2026-11-22T20:00Z = 1030.
    private static readonly RegisterReading[] Sparse =
    [
        Good("2026-11-21T10:00:00Z", 1000), Good("2026-11-21T20:00:00Z", 1010),
        Good("2026-11-22T10:00:00Z", 1020), Good("2026-11-22T20:00:00Z", 1030),
    ];

    [Fact]
    public void Frozen_values_at_both_midnights_give_their_difference_times_the_multiplier_exactly()
    {
        // Local midnights 2026-11-21T16:00Z and 2026-11-22T16:00Z; frozen 1005.12 and 1027.37 kWh.
        // E = (1027.37 - 1005.12) x 40 = 22.25 x 40 = 890 kWh, nothing interpolated, nothing estimated.
        var registerDay = DailyElectricity.Compute(Meter, Sparse, Day, Shanghai);
        Assert.True(registerDay.Estimated);

        var day = FrozenDay.Apply(Meter, registerDay, [Good("2026-11-22T16:00:00Z", 1027.37), Good("2026-11-21T16:00:00Z", 1005.12)], Shanghai);

        Assert.Equal(890, day.Kwh, 9);
        Assert.True(day.Frozen);
        Assert.False(day.Estimated);
        Assert.Null(day.Method);
        Assert.Equal(0, day.EstimatedKwh);
        Assert.Equal(registerDay.GoodIntervals, day.GoodIntervals);
        var frozen = Assert.Single(day.Events);
        Assert.Equal(EstimationEventKind.FrozenBoundary, frozen.Kind);
        Assert.Contains("frozen 1005.12 at 2026-11-21T16:00:00.0000000+00:00 and 1027.37", frozen.Detail);
    }

    [Fact]
    public void A_missing_freeze_at_one_midnight_keeps_the_register_day()
    {
        var registerDay = DailyElectricity.Compute(Meter, Sparse, Day, Shanghai);

        var day = FrozenDay.Apply(Meter, registerDay, [Good("2026-11-21T16:00:00Z", 1005.12), Good("2026-11-23T16:00:00Z", 1040)], Shanghai);

        Assert.Same(registerDay, day);
        Assert.False(day.Frozen);
    }

    [Fact]
    public void A_freeze_not_at_local_midnight_or_not_good_is_no_boundary()
    {
        var registerDay = DailyElectricity.Compute(Meter, Sparse, Day, Shanghai);
        RegisterReading[] frozen =
        [
            Good("2026-11-21T16:01:00Z", 1005.12),                                                // 00:01 local: another freeze hour
            Good("2026-11-22T00:00:00Z", 1010),                                                   // UTC midnight, 08:00 local
            new(At("2026-11-22T16:00:00Z"), 1027.37, ReadingQuality.Uncertain),
        ];

        Assert.Same(registerDay, FrozenDay.Apply(Meter, registerDay, frozen, Shanghai));
    }

    [Fact]
    public void A_frozen_rollover_is_unwrapped()
    {
        // 999990.00 -> 12.50 with modulus 1000000.00: 22.50 kWh x 40 = 900 kWh.
        var registerDay = DailyElectricity.Compute(Meter, Sparse, Day, Shanghai);

        var day = FrozenDay.Apply(Meter, registerDay, [Good("2026-11-21T16:00:00Z", 999990.00), Good("2026-11-22T16:00:00Z", 12.50)], Shanghai);

        Assert.Equal(900, day.Kwh, 6);
        Assert.True(day.Frozen);
    }

    [Fact]
    public void A_frozen_value_that_falls_without_rollover_is_reported_and_the_register_day_kept()
    {
        var registerDay = DailyElectricity.Compute(Meter, Sparse, Day, Shanghai);

        var day = FrozenDay.Apply(Meter, registerDay, [Good("2026-11-21T16:00:00Z", 1027.37), Good("2026-11-22T16:00:00Z", 1005.12)], Shanghai);

        Assert.False(day.Frozen);
        Assert.Equal(registerDay.Kwh, day.Kwh);
        Assert.Contains(day.Events, e => e.Kind == EstimationEventKind.NegativeDelta && e.Detail.Contains("frozen value fell"));
    }
}
