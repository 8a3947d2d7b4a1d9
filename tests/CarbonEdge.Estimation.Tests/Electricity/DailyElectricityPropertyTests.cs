using CarbonEdge.Estimation.Electricity;
using FsCheck;
using FsCheck.Fluent;
using static CarbonEdge.Estimation.Tests.Register;

namespace CarbonEdge.Estimation.Tests.Electricity;

public class DailyElectricityPropertyTests
{
    private static readonly MeterConfig Meter = new("m-1", Multiplier: 30, RolloverMax: 99999.99, IntervalSeconds: 900);

    /// <summary>
    /// A register read at random steps (1 min .. 3 h) from 3 h before the first of three days to 3 h after the last,
    /// advancing by random amounts and wrapping at 99999.99: no gap reaches past the data on either side.
    /// </summary>
    private static readonly Arbitrary<RegisterReading[]> Register3Days =
        Gen.ListOf(Gen.Choose(1, 180).Zip(Gen.Choose(0, 20_000)), 120).Select(steps =>
        {
            var readings = new List<RegisterReading>();
            var t = DayStart.AddHours(-3);
            var end = DayStart.AddDays(3).AddHours(3);
            decimal value = 99_000m;
            var i = 0;
            while (t <= end)
            {
                readings.Add(new RegisterReading(t, (double)value, ReadingQuality.Good));
                var (minutes, centi) = steps[i++ % steps.Count];
                t = t.AddMinutes(minutes);
                value = (value + centi / 100m) % 100_000m;
            }
            readings.Add(new RegisterReading(end, (double)value, ReadingQuality.Good));
            return readings.ToArray();
        }).ToArbitrary();

    [Fact]
    public void Days_sum_to_the_register_difference_over_the_span()
    {
        Prop.ForAll(Register3Days, readings =>
        {
            var days = DailyElectricity.ComputeDays(Meter, readings, Day, Day.AddDays(2), Shanghai);
            var span = DailyElectricity.ComputeSpan(Meter, readings, Day, Day.AddDays(2), Shanghai);
            var sum = days.Sum(d => d.Kwh);
            return Math.Abs(sum - span.Kwh) <= 1e-9 * Math.Max(1, span.Kwh)
                   && days.Where(d => !d.Estimated).Sum(d => d.EstimatedKwh) == 0;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Computing_days_together_equals_computing_each_alone()
    {
        Prop.ForAll(Register3Days, readings =>
        {
            var together = DailyElectricity.ComputeDays(Meter, readings, Day, Day.AddDays(2), Shanghai);
            return together.Select((d, i) => DailyElectricity.Compute(Meter, readings, Day.AddDays(i), Shanghai))
                .Zip(together).All(p => p.First.Kwh == p.Second.Kwh && p.First.GoodIntervals == p.Second.GoodIntervals
                                        && p.First.Estimated == p.Second.Estimated && p.First.Events.Count == p.Second.Events.Count);
        }).QuickCheckThrowOnFailure();
    }
}
