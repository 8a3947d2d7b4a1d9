using CarbonEdge.Estimation.Electricity;
using static CarbonEdge.Estimation.Tests.Register;

namespace CarbonEdge.Estimation.Tests.Electricity;

/// <summary>Days outside the span of a meter's readings, and a day computed only up to an instant ("today so far").</summary>
public class DataSpanTests
{
    private static readonly MeterConfig Meter = new("m-101", Multiplier: 1, RolloverMax: null, IntervalSeconds: 900);

    [Fact]
    public void A_day_before_the_first_reading_gets_nothing_invented()
    {
        // Readings start the next day (a meter installed, or a backfill that begins, after this day): the register
        // says nothing about this day. 0 kWh, estimated, with a no-readings event; not the next day's rate x 24 h.
        var readings = Every(DayStart.AddDays(1), Quarter, 96, 5000, 10);
        var day = DailyElectricity.Compute(Meter, readings, Day, Shanghai);
        Assert.Equal(0, day.Kwh);
        Assert.True(day.Estimated);
        Assert.Equal(0, day.Completeness);
        Assert.Contains(day.Events, e => e.Kind == EstimationEventKind.NoReadings);
    }

    [Fact]
    public void A_day_after_the_last_reading_gets_nothing_invented()
    {
        var readings = Every(DayStart.AddDays(-1), Quarter, 90, 5000, 10); // ends at 22:30 local the day before
        var day = DailyElectricity.Compute(Meter, readings, Day, Shanghai);
        Assert.Equal(0, day.Kwh);
        Assert.True(day.Estimated);
        Assert.Contains(day.Events, e => e.Kind == EstimationEventKind.NoReadings);
    }

    [Fact]
    public void A_day_whose_readings_start_in_the_morning_fills_only_the_unmeasured_start()
    {
        // Readings from 06:00 local (22:00Z) to past the end: 10 kWh per quarter hour, 72 quarters measured = 720 kWh;
        // the 6 h before the first reading are filled linearly at the same rate (24 x 10 = 240 kWh) and flagged.
        var readings = Every(DayStart.AddHours(6), Quarter, 80, 5000, 10);
        var day = DailyElectricity.Compute(Meter, readings, Day, Shanghai);
        Assert.Equal(960, day.Kwh, 6);
        Assert.Equal(240, day.EstimatedKwh, 6);
        Assert.True(day.Estimated);
    }

    [Fact]
    public void Today_so_far_counts_up_to_the_instant_and_completeness_against_the_elapsed_intervals()
    {
        // Local day, readings every 15 min from midnight to 12:00 (49 readings, 10 kWh each quarter).
        // Up to 12:00: 48 x 10 = 480 kWh, 48 intervals expected and 48 good (the reading at 12:00 starts the 49th).
        var readings = Every(DayStart, Quarter, 49, 5000, 10);
        var soFar = DailyElectricity.ComputeUntil(Meter, readings, Day, Shanghai, DayStart.AddHours(12));
        Assert.Equal(480, soFar.Kwh, 9);
        Assert.Equal(48, soFar.ExpectedIntervals);
        Assert.Equal(1.0, soFar.Completeness);
        Assert.False(soFar.Estimated);
        // the whole-day form would extrapolate the afternoon: not "so far"
        Assert.Equal(960, DailyElectricity.Compute(Meter, readings, Day, Shanghai).Kwh, 6);
    }

    [Fact]
    public void So_far_at_or_after_the_end_of_the_day_is_the_whole_day()
    {
        var readings = Every(DayStart.AddHours(-2), Quarter, 113, 1000, 10);
        var whole = DailyElectricity.Compute(Meter, readings, Day, Shanghai);
        var late = DailyElectricity.ComputeUntil(Meter, readings, Day, Shanghai, DayStart.AddDays(2));
        Assert.Equal(whole, late with { Events = whole.Events });
        Assert.Throws<ArgumentException>(() => DailyElectricity.ComputeUntil(Meter, readings, Day, Shanghai, DayStart.AddHours(-1)));
    }
}
