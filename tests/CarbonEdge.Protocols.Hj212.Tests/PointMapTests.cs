using CarbonEdge.Protocols.Hj212.Pollutants;
using CarbonEdge.Protocols.Telemetry;

namespace CarbonEdge.Protocols.Hj212.Tests;

public class PointMapTests
{
    [Fact]
    public void Co2_MgPerM3_To_PercentVol_WithFormula5Density()
    {
        Assert.True(Hj212PointMap.TryGet("a05001", out var co2));
        Assert.Equal("cems.co2", co2.Point);
        // 12 %vol dry = 0.12 x 1.9768 kg/m3 = 237 216 mg/m3.
        Assert.Equal(12.0, co2.Convert(237216), 9);
        Assert.Equal(237216, co2.ToHj212(12.0), 6);
    }

    [Fact]
    public void Flow_M3PerSecondStandardDry_To_M3PerHour()
    {
        Assert.True(Hj212PointMap.TryGet("a00000", out var flow));
        Assert.Equal(("cems.flow.std_dry", 18000.0), (flow.Point, flow.Convert(5)));
    }

    [Fact]
    public void EveryMappedPoint_IsInTheTelemetryCatalog() =>
        Assert.All(Hj212PointMap.Mappings, m => Assert.True(Points.TryGet(m.Point, out _), m.Point));

    [Theory]
    [InlineData('N', ReadingQuality.Good)]
    [InlineData('S', ReadingQuality.Uncertain)]
    [InlineData('T', ReadingQuality.Uncertain)]
    [InlineData('F', ReadingQuality.Bad)]
    [InlineData('M', ReadingQuality.Bad)]
    [InlineData('D', ReadingQuality.Bad)]
    [InlineData('C', ReadingQuality.Bad)]
    [InlineData('B', ReadingQuality.Bad)]
    [InlineData('Q', ReadingQuality.Bad)]
    public void DataFlags_GiveQuality_WithTheFlagAsReason(char flag, ReadingQuality expected)
    {
        var (quality, reason) = Hj212DataFlag.ToQuality(flag);
        Assert.Equal(expected, quality);
        if (flag == 'N') Assert.Null(reason);
        else Assert.StartsWith($"hj212 flag {flag}", reason);
    }
}
