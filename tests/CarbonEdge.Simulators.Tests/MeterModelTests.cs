using System.Globalization;
using CarbonEdge.Simulators.Meters;
using CarbonEdge.Simulators.Profiles;

namespace CarbonEdge.Simulators.Tests;

public class MeterModelTests
{
    private static readonly LoadProfile Profile = LoadProfile.Load(LoadProfile.DefaultPath);

    // The raw Usage_kWh column, read independently of LoadProfile.
    private static readonly double[] RawKwh = File.ReadLines(LoadProfile.DefaultPath).Skip(1)
        .Select(line => double.Parse(line.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();

    // 2025-01-01 00:00 in Asia/Shanghai (UTC+8) is the model epoch: profile day 0, interval 0.
    private static readonly DateTimeOffset Epoch = new(2024, 12, 31, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Profile_has_a_year_of_15_minute_intervals()
    {
        Assert.Equal(365, Profile.Days);
        Assert.Equal(35040, RawKwh.Length);
        Assert.Equal(RawKwh.Sum(), Profile.TotalKwh, 6);
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(40, 1.0)]
    [InlineData(95, 2.5)]
    [InlineData(96 * 200 + 37, 0.4)]
    public void Register_grows_by_exactly_the_intervals_energy(int interval, double scale)
    {
        var model = new MeterModel(Profile, new MeterSettings(Scale: scale));
        var start = Epoch + interval * LoadProfile.Interval;
        double delta = model.At(start + LoadProfile.Interval).EnergyImportKwh - model.At(start).EnergyImportKwh;
        Assert.Equal(RawKwh[interval] * scale, delta, 9);
    }

    [Fact]
    public void Within_an_interval_energy_is_power_times_hours()
    {
        var model = new MeterModel(Profile, new MeterSettings(Scale: 1.7, RegisterBaseKwh: 1000));
        var t1 = Epoch + TimeSpan.FromMinutes(15 * 50 + 2);
        var t2 = t1 + TimeSpan.FromSeconds(400);
        var s1 = model.At(t1);
        Assert.Equal(s1.PowerKw * 400 / 3600, model.At(t2).EnergyImportKwh - s1.EnergyImportKwh, 9);
        Assert.Equal(RawKwh[50] * 1.7 / 0.25, s1.PowerKw, 9);
    }

    [Fact]
    public void Phases_sum_to_the_total_and_currents_follow_power()
    {
        var model = new MeterModel(Profile, new MeterSettings());
        for (int minute = 0; minute < 24 * 60; minute += 37)
        {
            var s = model.At(Epoch + TimeSpan.FromMinutes(minute));
            Assert.Equal(s.PowerKw, s.PowerAKw + s.PowerBKw + s.PowerCKw, 9);
            Assert.InRange(s.VoltageA, 215, 225);
            Assert.InRange(s.FrequencyHz, 49.9, 50.1);
            Assert.InRange(s.PowerFactor, 0, 1);
            Assert.Equal(s.PowerAKw * 1000, s.VoltageA * s.CurrentA * s.PowerFactor, 6);
            Assert.Equal(s.PowerKw / Math.Sqrt(s.PowerKw * s.PowerKw + s.ReactiveKvar * s.ReactiveKvar), s.PowerFactor, 9);
        }
    }

    [Fact]
    public void A_local_day_holds_the_sum_of_its_96_intervals()
    {
        var settings = new MeterSettings(Scale: 0.6, DayOffset: 91, RegisterBaseKwh: 5000);
        var model = new MeterModel(Profile, settings);
        var day = new DateOnly(2026, 11, 20);
        var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
        double delta = model.At(midnight.AddDays(1)).EnergyImportKwh - model.At(midnight).EnergyImportKwh;
        int n = (int)(day.ToDateTime(TimeOnly.MinValue) - new DateTime(2025, 1, 1)).TotalDays;
        int profileDay = (n + 91) % 365;
        double expected = RawKwh.Skip(profileDay * 96).Take(96).Sum() * 0.6;
        Assert.Equal(expected, delta, 6);
        Assert.Equal(expected, model.DayKwh(day), 9);
    }

    [Fact]
    public void Register_is_continuous_and_monotonic_across_the_profile_wrap_and_the_epoch()
    {
        var model = new MeterModel(Profile, new MeterSettings(DayOffset: 10, RegisterBaseKwh: 1_000_000));
        // profile day 364 -> 0 happens 355 days after the epoch with offset 10
        var wrap = Epoch + TimeSpan.FromDays(355);
        foreach (var at in new[] { wrap, Epoch, Epoch + TimeSpan.FromDays(365 * 3 + 355) })
        {
            double before = model.At(at - TimeSpan.FromMilliseconds(1)).EnergyImportKwh;
            double after = model.At(at).EnergyImportKwh;
            Assert.InRange(after - before, 0, 1e-3);
        }
    }

    [Fact]
    public void Register_wraps_to_zero_after_the_rollover_maximum()
    {
        var plain = new MeterModel(Profile, new MeterSettings(RegisterBaseKwh: 999_990));
        var rolling = new MeterModel(Profile, new MeterSettings(RegisterBaseKwh: 999_990, RolloverKwh: 999_999.99));
        // find the first quarter hour where the plain register passes 1,000,000
        var t = Epoch;
        while (plain.At(t).EnergyImportKwh < 1_000_000) t += LoadProfile.Interval;
        Assert.Equal(plain.At(t).EnergyImportKwh - 1_000_000, rolling.At(t).EnergyImportKwh, 6);
        Assert.True(rolling.At(t - LoadProfile.Interval).EnergyImportKwh > 999_900);
    }

    [Fact]
    public void Invalid_settings_are_refused_with_the_setting_named()
    {
        Assert.Contains("scale", Assert.Throws<ArgumentException>(() => new MeterModel(Profile, new MeterSettings(Scale: 0))).Message);
        Assert.Contains("rollover", Assert.Throws<ArgumentException>(() => new MeterModel(Profile, new MeterSettings(RolloverKwh: -1))).Message);
        Assert.ThrowsAny<Exception>(() => new MeterModel(Profile, new MeterSettings(Zone: "Mars/Olympus")));
    }
}
