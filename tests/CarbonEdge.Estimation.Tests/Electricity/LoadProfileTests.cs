using CarbonEdge.Estimation.Electricity;
using static CarbonEdge.Estimation.Tests.Register;

namespace CarbonEdge.Estimation.Tests.Electricity;

public class LoadProfileTests
{
    private static readonly MeterConfig Meter = new("m-101");

    /// <summary>20 kWh per quarter hour from 08:00 to 20:00 local, 5 kWh otherwise: 48 x 20 + 48 x 5 = 1200 kWh a day.</summary>
    private static List<RegisterReading> Shaped(DateTimeOffset from, int quarters)
    {
        var readings = new List<RegisterReading>();
        double value = 0;
        for (var k = 0; k <= quarters; k++)
        {
            var t = from + k * Quarter;
            readings.Add(new RegisterReading(t, value, ReadingQuality.Good));
            var localHour = TimeZoneInfo.ConvertTime(t, Shanghai).Hour;
            value += localHour is >= 8 and < 20 ? 20 : 5;
        }
        return readings;
    }

    [Fact]
    public void Similar_days_fill_the_same_intervals_with_their_consumption()
    {
        // The 7 days before: the shaped 1200 kWh day. The day itself: readings from 00:00 to 20:00 local only.
        // Measured: 00:00-08:00 32 x 5 = 160, 08:00-20:00 48 x 20 = 960 -> 1120 kWh.
        // Similar days fill 20:00-24:00 with 16 x 5 = 80 kWh -> 1200 kWh.
        // Linear would fill at the measured mean rate: 1120 kWh / 20 h x 4 h = 224 kWh -> 1344 kWh.
        var history = Shaped(DayStart.AddDays(-7), 7 * 96);
        var profile = LoadProfile.FromDays(Meter, history, Enumerable.Range(1, 7).Select(i => Day.AddDays(-i)), Shanghai);
        var today = Shaped(DayStart, 80);

        var similar = DailyElectricity.Compute(Meter, today, Day, Shanghai, new ElectricityOptions { GapFill = GapFillMethod.SimilarDays }, profile);
        var linear = DailyElectricity.Compute(Meter, today, Day, Shanghai);

        Assert.Equal(7, profile.Days);
        Assert.Equal(1200, similar.Kwh, 6);
        Assert.Equal(80, similar.EstimatedKwh, 6);
        Assert.Equal(GapFillMethod.SimilarDays, similar.Method);
        Assert.Equal(1344, linear.Kwh, 6);
    }

    [Fact]
    public void Similar_days_split_a_long_boundary_increment_by_the_profile()
    {
        // Readings at 20:00 local the day before and 04:00 local (8 h apart, beyond the 2 h window): the 160 kWh
        // between them (16 x 5 before midnight, 16 x 5 after) splits 80/80 by the profile; the day gets
        // 80 + 04:00..24:00 (16 x 5 + 48 x 20 + 16 x 5 = 1120) = 1200 kWh, of which 80 estimated.
        var history = Shaped(DayStart.AddDays(-7), 7 * 96);
        var profile = LoadProfile.FromDays(Meter, history, Enumerable.Range(1, 7).Select(i => Day.AddDays(-i)), Shanghai);
        var full = Shaped(DayStart.AddHours(-4), 4 * 4 + 96);
        var sparse = full.Where(r => r.Timestamp <= DayStart.AddHours(-4) || r.Timestamp >= DayStart.AddHours(4)).ToList();

        var day = DailyElectricity.Compute(Meter, sparse, Day, Shanghai, new ElectricityOptions { GapFill = GapFillMethod.SimilarDays }, profile);

        Assert.Equal(1200, day.Kwh, 6);
        Assert.Equal(80, day.EstimatedKwh, 6);
        Assert.Contains(day.Events, e => e.Kind == EstimationEventKind.BoundaryEstimated);
    }

    [Fact]
    public void Similar_days_filling_without_a_profile_is_refused()
    {
        Assert.Throws<ArgumentException>(() => DailyElectricity.Compute(Meter, [], Day, Shanghai, new ElectricityOptions { GapFill = GapFillMethod.SimilarDays }));
    }
}
