using CarbonEdge.Edge.Devices.Dlt645;

namespace CarbonEdge.Edge.Tests.Dlt645;

/// <summary>
/// When the gateway may send a DL/T 645 broadcast time sync: above the threshold, within the ±5 min a meter accepts,
/// once a local day, and never within 5 min of a full hour (the State Grid clock rules: the meters' hourly and daily
/// freezes; docs/dlt645.md).
/// </summary>
public class Dlt645ClockPolicyTests
{
    private static readonly Dlt645ClockPolicy Policy = new(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30), TimeZoneInfo.Utc);
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(200);

    private static DateTime At(int hour, int minute, int second = 0) => new(2026, 12, 5, hour, minute, second);

    [Theory]
    [InlineData(10, 30, 0, true)]
    [InlineData(10, 5, 1, true)]
    [InlineData(10, 54, 59, true)]
    [InlineData(10, 5, 0, false)] // 5 min after the full hour: a meter 5 min slow would stand at 10:00:00
    [InlineData(10, 3, 0, false)]
    [InlineData(10, 57, 0, false)]
    [InlineData(10, 55, 0, false)]
    [InlineData(0, 2, 0, false)] // midnight is a full hour too
    [InlineData(23, 58, 0, false)]
    public void Syncs_OnlyAwayFromFullHours(int hour, int minute, int second, bool expected) =>
        Assert.Equal(expected, Policy.MaySync(Fast, At(hour, minute, second), null));

    [Fact]
    public void Syncs_OnlyDriftsAboveTheThreshold_AndWithinWhatAMeterAccepts()
    {
        Assert.False(Policy.MaySync(TimeSpan.FromSeconds(20), At(10, 30), null));
        Assert.True(Policy.MaySync(TimeSpan.FromSeconds(-40), At(10, 30), null));
        Assert.True(Policy.MaySync(TimeSpan.FromMinutes(5), At(10, 30), null));
        Assert.False(Policy.MaySync(TimeSpan.FromMinutes(5.1), At(10, 30), null));
    }

    [Fact]
    public void Syncs_OnceALocalDay()
    {
        Assert.False(Policy.MaySync(Fast, At(10, 30), new DateOnly(2026, 12, 5)));
        Assert.True(Policy.MaySync(Fast, At(10, 30), new DateOnly(2026, 12, 4)));
    }
}
