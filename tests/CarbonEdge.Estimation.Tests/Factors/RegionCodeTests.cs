using CarbonEdge.Estimation.Regions;

namespace CarbonEdge.Estimation.Tests.Factors;

public class RegionCodeTests
{
    [Theory]
    [InlineData("130102", RegionLevel.County, "130100", "130000")] // 河北省石家庄市长安区
    [InlineData("130100", RegionLevel.City, "130100", "130000")]
    [InlineData("130000", RegionLevel.Province, "130000", "130000")]
    public void Levels_follow_the_trailing_zeros(string text, RegionLevel level, string city, string province)
    {
        var code = RegionCode.Parse(text);

        Assert.Equal(level, code.Level);
        Assert.Equal(city, code.City.Value);
        Assert.Equal(province, code.Province.Value);
    }

    [Theory]
    [InlineData("13010")]
    [InlineData("1301020")]
    [InlineData("13010a")]
    [InlineData("000100")]
    [InlineData("")]
    public void Anything_but_six_digits_with_a_province_is_refused(string text)
    {
        Assert.False(RegionCode.TryParse(text, out _));
        Assert.Throws<FormatException>(() => RegionCode.Parse(text));
    }
}
