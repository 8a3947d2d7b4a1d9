using CarbonEdge.Estimation.Electricity;
using static CarbonEdge.Estimation.Tests.Register;

namespace CarbonEdge.Estimation.Tests.Electricity;

public class DailyElectricityTests
{
    private static readonly MeterConfig Meter = new("m-101", Multiplier: 1, RolloverMax: null, IntervalSeconds: 900);

    [Fact]
    public void Aligned_quarter_hours_give_the_register_difference_and_full_completeness()
    {
        // Readings every 15 min from 14:00Z (2 h before the day) to 18:00Z next day (2 h after): 113 readings,
        // value 1000 + 10 k. R(16:00Z) is reading k=8: 1080; R(16:00Z next day) is k=104: 2040. E = 2040 - 1080 = 960 kWh.
        var readings = Every(At("2026-11-21T14:00:00Z"), Quarter, 113, 1000, 10);

        var day = DailyElectricity.Compute(Meter, readings, Day, Shanghai);

        Assert.Equal(960, day.Kwh, 9);
        Assert.Equal(96, day.ExpectedIntervals);
        Assert.Equal(96, day.GoodIntervals);
        Assert.Equal(1.0, day.Completeness);
        Assert.False(day.Estimated);
        Assert.Null(day.Method);
        Assert.Empty(day.Events);
    }

    [Fact]
    public void Day_boundaries_are_local_midnight_in_Asia_Shanghai()
    {
        // Local 2026-11-22 00:00 +08:00 = 2026-11-21T16:00Z. Readings at 15:45Z (1000) and 16:00Z (1001) and
        // next day 15:45Z (1200), 16:00Z (1203), 16:15Z (1300): E = R(next 16:00Z) - R(16:00Z) = 1203 - 1001 = 202 kWh.
        // A day in UTC would have started 8 h later; the reading at 16:00Z must be the start, not inside the day.
        RegisterReading[] readings =
        [
            Good("2026-11-21T15:45:00Z", 1000), Good("2026-11-21T16:00:00Z", 1001),
            Good("2026-11-22T15:45:00Z", 1200), Good("2026-11-22T16:00:00Z", 1203), Good("2026-11-22T16:15:00Z", 1300),
        ];

        var day = DailyElectricity.Compute(Meter, readings, Day, Shanghai);

        Assert.Equal(202, day.Kwh, 9);
        Assert.False(day.Estimated);
        Assert.Equal((DayStart, DayStart.AddDays(1)), LocalDay.UtcBounds(Day, Shanghai));
    }

    [Fact]
    public void Readings_not_aligned_to_midnight_are_interpolated_at_the_boundaries()
    {
        // Start: 15:50Z = 1000, 16:10Z = 1004 -> R(16:00Z) = 1000 + 4 x 10/20 = 1002.
        // End:   15:55Z = 1500, 16:05Z = 1502 -> R(16:00Z) = 1500 + 2 x 5/10  = 1501.
        // E = 1501 - 1002 = 499 kWh, measured (both neighbours within 2 h).
        RegisterReading[] readings =
        [
            Good("2026-11-21T15:50:00Z", 1000), Good("2026-11-21T16:10:00Z", 1004),
            Good("2026-11-22T04:00:00Z", 1250),
            Good("2026-11-22T15:55:00Z", 1500), Good("2026-11-22T16:05:00Z", 1502),
        ];

        var day = DailyElectricity.Compute(Meter, readings, Day, Shanghai);

        Assert.Equal(499, day.Kwh, 9);
        Assert.False(day.Estimated);
        // Readings inside the day at 16:10Z (slot 0), 04:00Z (slot 48), 15:55Z (slot 95): 3 of 96 intervals.
        Assert.Equal(3, day.GoodIntervals);
        Assert.Equal(3.0 / 96, day.Completeness, 12);
    }

    [Fact]
    public void A_gap_across_midnight_inside_the_window_is_interpolated_and_measured()
    {
        // No reading from 15:00Z to 17:00Z: each side is 1 h from the boundary (window 2 h).
        // R(16:00Z) = 1000 + 12 x 1/2 = 1006. End: reading exactly at 16:00Z next day = 1306. E = 300 kWh.
        RegisterReading[] readings =
        [
            Good("2026-11-21T15:00:00Z", 1000), Good("2026-11-21T17:00:00Z", 1012),
            Good("2026-11-22T16:00:00Z", 1306),
        ];

        var day = DailyElectricity.Compute(Meter, readings, Day, Shanghai);

        Assert.Equal(300, day.Kwh, 9);
        Assert.False(day.Estimated);
        Assert.Equal(0, day.EstimatedKwh);
    }

    [Fact]
    public void A_gap_across_midnight_outside_the_window_is_estimated_with_the_method_recorded()
    {
        // 13:00Z = 1000 and 19:00Z = 1018: each side 3 h from 16:00Z, beyond the 2 h window.
        // Linear: R(16:00Z) = 1000 + 18 x 3/6 = 1009; the day gets 1018 - 1009 = 9 kWh of that increment, estimated.
        // Rest of the day: 19:00Z -> next 16:00Z = 1318 - 1018 = 300 kWh. E = 309 kWh, of which 9 estimated.
        RegisterReading[] readings =
        [
            Good("2026-11-21T13:00:00Z", 1000), Good("2026-11-21T19:00:00Z", 1018),
            Good("2026-11-22T16:00:00Z", 1318),
        ];

        var linear = DailyElectricity.Compute(Meter, readings, Day, Shanghai);
        var dropped = DailyElectricity.Compute(Meter, readings, Day, Shanghai, new ElectricityOptions { GapFill = GapFillMethod.Drop });
        var wider = DailyElectricity.Compute(Meter, readings, Day, Shanghai, new ElectricityOptions { BoundaryWindow = TimeSpan.FromHours(3) });

        Assert.Equal(309, linear.Kwh, 9);
        Assert.Equal(9, linear.EstimatedKwh, 9);
        Assert.True(linear.Estimated);
        Assert.Equal(GapFillMethod.Linear, linear.Method);
        Assert.Contains(linear.Events, e => e.Kind == EstimationEventKind.BoundaryEstimated && e.At == DayStart);
        // Drop leaves the straddling share out: 300 kWh, still marked estimated.
        Assert.Equal(300, dropped.Kwh, 9);
        Assert.True(dropped.Estimated);
        Assert.Equal(GapFillMethod.Drop, dropped.Method);
        // With a 3 h window both neighbours are inside it: the same 309 kWh counts as measured.
        Assert.Equal(309, wider.Kwh, 9);
        Assert.False(wider.Estimated);
    }

    [Fact]
    public void Rollover_at_the_configured_maximum_is_unwrapped()
    {
        // Register max 999999.99 -> modulus 1000000.00. 16:00Z = 999990.00, 20:00Z = 999999.00,
        // 21:00Z = 5.00 (wrapped: 1000000 - 999999 + 5 = 6), next 16:00Z = 105.00.
        // E = 9 + 6 + 100 = 115 kWh.
        var meter = Meter with { RolloverMax = 999999.99 };
        RegisterReading[] readings =
        [
            Good("2026-11-21T16:00:00Z", 999990.00), Good("2026-11-21T20:00:00Z", 999999.00),
            Good("2026-11-21T21:00:00Z", 5.00), Good("2026-11-22T16:00:00Z", 105.00),
        ];

        var day = DailyElectricity.Compute(meter, readings, Day, Shanghai);

        Assert.Equal(1000000.00, meter.RolloverModulus);
        Assert.Equal(115, day.Kwh, 6);
        Assert.False(day.Estimated);
        Assert.Single(day.Events, e => e.Kind == EstimationEventKind.Rollover);
    }

    [Fact]
    public void Without_a_rollover_maximum_a_fall_that_persists_is_a_register_reset_not_a_rollover()
    {
        var readings = new[]
        {
            Good("2026-11-21T16:00:00Z", 999990.00), Good("2026-11-21T20:00:00Z", 999999.00),
            Good("2026-11-21T21:00:00Z", 5.00), Good("2026-11-22T16:00:00Z", 105.00),
        };

        var day = DailyElectricity.Compute(Meter, readings, Day, Shanghai);

        Assert.Contains(day.Events, e => e.Kind == EstimationEventKind.RegisterReset);
        Assert.DoesNotContain(day.Events, e => e.Kind == EstimationEventKind.Rollover);
    }

    [Fact]
    public void Multiplier_is_the_CT_ratio_times_the_PT_ratio()
    {
        // CT 200/5 = 40, PT 10000/100 = 100: multiplier 4000. Register advances 0.25 kWh over the day.
        // E = 0.25 x 4000 = 1000 kWh (primary side).
        var meter = Meter with { Multiplier = 200.0 / 5 * (10000.0 / 100) };
        RegisterReading[] readings = [Good("2026-11-21T16:00:00Z", 12.50), Good("2026-11-22T16:00:00Z", 12.75)];

        var day = DailyElectricity.Compute(meter, readings, Day, Shanghai);

        Assert.Equal(1000, day.Kwh, 9);
    }

    [Fact]
    public void Bad_and_uncertain_readings_are_ignored_and_do_not_count_as_complete()
    {
        // 97 readings 16:00Z..16:00Z+1d, 10 kWh each interval; readings k = 1..12 are bad with absurd values,
        // k = 13 uncertain. E = 96 x 10 = 960 kWh still (the register catches up). Intervals with a good reading:
        // 96 - 13 = 83 -> completeness 83/96.
        var readings = Every(DayStart, Quarter, 97, 1000, 10);
        for (var k = 1; k <= 12; k++)
        {
            readings[k] = readings[k] with { Value = -5, Quality = ReadingQuality.Bad };
        }
        readings[13] = readings[13] with { Value = 1e9, Quality = ReadingQuality.Uncertain };

        var day = DailyElectricity.Compute(Meter, readings, Day, Shanghai);

        Assert.Equal(960, day.Kwh, 9);
        Assert.Equal(83, day.GoodIntervals);
        Assert.Equal(83.0 / 96, day.Completeness, 12);
        Assert.False(day.Estimated);
    }

    [Fact]
    public void A_reading_below_both_neighbours_is_a_negative_delta_reported_and_not_summed()
    {
        // 16:00Z 100, 17:00Z 110, 18:00Z 50 (glitch), 19:00Z 130, next 16:00Z 400.
        // 50 is dropped; E = 400 - 100 = 300 kWh. Without dropping, the -60 delta would have cut 60 kWh.
        RegisterReading[] readings =
        [
            Good("2026-11-21T16:00:00Z", 100), Good("2026-11-21T17:00:00Z", 110), Good("2026-11-21T18:00:00Z", 50),
            Good("2026-11-21T19:00:00Z", 130), Good("2026-11-22T16:00:00Z", 400),
        ];

        var day = DailyElectricity.Compute(Meter, readings, Day, Shanghai);

        Assert.Equal(300, day.Kwh, 9);
        Assert.Single(day.Events, e => e.Kind == EstimationEventKind.NegativeDelta && e.Detail.Contains("below both"));
        Assert.False(day.Estimated);
    }

    [Fact]
    public void A_reading_above_both_neighbours_is_dropped_so_its_spike_is_not_summed()
    {
        // 16:00Z 100, 17:00Z 500 (spike), 18:00Z 120, next 16:00Z 400: 500 is dropped; E = 400 - 100 = 300 kWh.
        RegisterReading[] readings =
        [
            Good("2026-11-21T16:00:00Z", 100), Good("2026-11-21T17:00:00Z", 500), Good("2026-11-21T18:00:00Z", 120),
            Good("2026-11-22T16:00:00Z", 400),
        ];

        var day = DailyElectricity.Compute(Meter, readings, Day, Shanghai);

        Assert.Equal(300, day.Kwh, 9);
        Assert.Single(day.Events, e => e.Kind == EstimationEventKind.NegativeDelta && e.Detail.Contains("above both"));
    }

    [Fact]
    public void A_meter_replaced_mid_day_sums_both_registers_and_fills_the_changeover()
    {
        // Old meter: 16:00Z 5000 -> 22:00Z 5060 (6 h, 60 kWh). New meter from 22:30Z at 0.0 -> next 16:00Z 175.0
        // (17.5 h, 175 kWh). Changeover 22:00Z..22:30Z unmeasured: the day's measured mean rate is
        // (60 + 175) kWh / (6 + 17.5) h = 10 kWh/h, so linear filling adds 0.5 h x 10 = 5 kWh.
        // E = 60 + 5 + 175 = 240 kWh, of which 5 estimated.
        RegisterReading[] readings =
        [
            Good("2026-11-21T16:00:00Z", 5000), Good("2026-11-21T22:00:00Z", 5060),
            Good("2026-11-21T22:30:00Z", 0.0), Good("2026-11-22T16:00:00Z", 175.0),
        ];

        var day = DailyElectricity.Compute(Meter, readings, Day, Shanghai);

        Assert.Equal(240, day.Kwh, 9);
        Assert.Equal(5, day.EstimatedKwh, 9);
        Assert.True(day.Estimated);
        Assert.Contains(day.Events, e => e.Kind == EstimationEventKind.RegisterReset && e.At == At("2026-11-21T22:30:00Z"));
        Assert.Contains(day.Events, e => e.Kind == EstimationEventKind.GapFilled);
    }

    [Fact]
    public void Readings_ending_before_midnight_are_extrapolated_at_the_mean_rate_by_linear_filling()
    {
        // 16:00Z 0 -> 10:00Z next day 180 (18 h, 10 kWh/h), then nothing: 6 h unmeasured.
        // Linear: 180 + 6 x 10 = 240 kWh, 60 estimated; drop: 180 kWh.
        RegisterReading[] readings = [Good("2026-11-21T16:00:00Z", 0), Good("2026-11-22T10:00:00Z", 180)];

        var linear = DailyElectricity.Compute(Meter, readings, Day, Shanghai);
        var dropped = DailyElectricity.Compute(Meter, readings, Day, Shanghai, new ElectricityOptions { GapFill = GapFillMethod.Drop });

        Assert.Equal(240, linear.Kwh, 9);
        Assert.Equal(60, linear.EstimatedKwh, 9);
        Assert.Equal(180, dropped.Kwh, 9);
        Assert.True(dropped.Estimated);
    }

    [Fact]
    public void No_good_reading_gives_zero_estimated_with_a_no_readings_event()
    {
        RegisterReading[] readings = [new(At("2026-11-22T01:00:00Z"), 0, ReadingQuality.Bad)];

        var day = DailyElectricity.Compute(Meter, readings, Day, Shanghai);

        Assert.Equal(0, day.Kwh);
        Assert.Equal(0, day.Completeness);
        Assert.True(day.Estimated);
        Assert.Single(day.Events, e => e.Kind == EstimationEventKind.NoReadings);
    }

    [Fact]
    public void Reading_order_does_not_matter()
    {
        var readings = Every(At("2026-11-21T14:00:00Z"), Quarter, 113, 1000, 10);
        var shuffled = readings.OrderBy(r => r.Timestamp.Ticks % 7).ThenByDescending(r => r.Timestamp).ToList();

        Assert.Equal(DailyElectricity.Compute(Meter, readings, Day, Shanghai).Kwh,
            DailyElectricity.Compute(Meter, shuffled, Day, Shanghai).Kwh);
    }
}
