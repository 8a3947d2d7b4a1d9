using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Account;

namespace CarbonEdge.Estimation.Tests.Account;

public sealed class EfficiencyGradeTests
{
    private static readonly Period Nov = Period.Of(PeriodKind.Month, new DateOnly(2026, 11, 1));
    private static readonly GradeScheme Scheme = new();

    [Fact]
    public void Values_are_divided_by_hand()
    {
        // 600 tCO2, 150 tce, 1 000 x 10^4 CNY: 0.6 tCO2/10^4 CNY, 0.15 tce/10^4 CNY, 4 tCO2/tce
        var v = EfficiencyValues.Compute(600, 150, 1000);
        Assert.Equal(0.6, v.Tco2PerValueAdded!.Value, 12);
        Assert.Equal(0.15, v.TcePerValueAdded!.Value, 12);
        Assert.Equal(4.0, v.Tco2PerTce!.Value, 12);
        Assert.Null(v.Reason);
    }

    [Fact]
    public void Missing_or_zero_value_added_is_not_available_with_the_reason()
    {
        var missing = EfficiencyValues.Compute(600, 150, null, "value added not reported for 2026-11");
        Assert.Null(missing.Tco2PerValueAdded);
        Assert.Equal("value added not reported for 2026-11", missing.Reason);
        var zero = EfficiencyValues.Compute(600, 150, 0);
        Assert.Null(zero.Tco2PerValueAdded);
        Assert.Contains("not positive", zero.Reason);
        Assert.Equal(4.0, zero.Tco2PerTce!.Value, 12);

        var grade = EfficiencyGrade.Assess(Nov, missing, [missing, EfficiencyValues.Compute(100, 30, 200)], Scheme);
        Assert.Null(grade.Grade);
        Assert.Null(grade.K);
        Assert.Equal("value added not reported for 2026-11", grade.Reason);
    }

    [Theory]
    // peer: 900 tCO2 / 1000 => industry L = (x + 900) / (1000 + 1000)
    [InlineData(300, 0.3, 1)]   // L 0.3, industry 0.6: K = 0.5 -> grade 1
    [InlineData(500, 0.5, 2)]   // industry 0.7: K = 0.714 -> 2
    [InlineData(900, 0.9, 3)]   // industry 0.9: K = 1 -> 3
    [InlineData(1500, 1.5, 4)]  // industry 1.2: K = 1.25 -> 4
    [InlineData(5100, 5.1, 4)]  // industry 3.0: K = 1.7 -> 4
    public void Grade_follows_the_bands(double tco2, double l, int expected)
    {
        var me = EfficiencyValues.Compute(tco2, tco2 / 4, 1000);
        var peer = EfficiencyValues.Compute(900, 225, 1000);
        var grade = EfficiencyGrade.Assess(Nov, me, [me, peer], Scheme);
        double industry = (tco2 + 900) / 2000;
        Assert.Equal(l, me.Tco2PerValueAdded!.Value, 12);
        Assert.Equal(industry, grade.Industry.Tco2PerValueAdded!.Value, 12);
        Assert.Equal(l / industry, grade.K!.Value, 12);
        Assert.Equal(expected, grade.Grade);
        Assert.Equal(2, grade.IndustryEnterprises);
    }

    [Theory]
    [InlineData(0.6, 1)]
    [InlineData(0.6000001, 2)]
    [InlineData(0.8, 2)]
    [InlineData(1.2, 3)]
    [InlineData(2.0, 4)]
    [InlineData(2.01, 5)]
    public void Band_upper_bounds_are_inclusive(double k, int grade) => Assert.Equal(grade, Scheme.GradeOf(k));

    [Theory]
    [InlineData(0.6, "low_carbon")]
    [InlineData(1.0, "medium_carbon")]
    [InlineData(2.5, "high_carbon")]
    public void Level_by_intensity(double l, string level) => Assert.Equal(level, Scheme.LevelOf(l));

    [Fact]
    public void Grade_5_when_far_above_the_industry()
    {
        // me 3000 / 1000 = 3.0; peers 100 / 1000 each (two of them): industry = 3200 / 3000 = 1.0667; K = 2.8125
        var me = EfficiencyValues.Compute(3000, 750, 1000);
        var p = EfficiencyValues.Compute(100, 25, 1000);
        var grade = EfficiencyGrade.Assess(Nov, me, [me, p, p], Scheme);
        Assert.Equal(2.8125, grade.K!.Value, 12);
        Assert.Equal(5, grade.Grade);
        Assert.Equal("high_carbon", grade.Level);
    }

    [Fact]
    public void Industry_average_skips_peers_without_value_added()
    {
        var me = EfficiencyValues.Compute(600, 150, 1000);
        var silent = EfficiencyValues.Compute(5000, 1000, null);
        var grade = EfficiencyGrade.Assess(Nov, me, [me, silent], Scheme);
        Assert.Equal(1.0, grade.K!.Value, 12);
        Assert.Equal(1, grade.IndustryEnterprises);
    }

    [Fact]
    public void Quarter_value_added_needs_every_month()
    {
        var q4 = Period.Of(PeriodKind.Quarter, new DateOnly(2026, 10, 1));
        EconomicInput In(int month, double? va) => new("e", Period.Of(PeriodKind.Month, new DateOnly(2026, month, 1)), va, null, null, "test");
        Assert.Equal((300.0, (string?)null), ValueAddedSum.Over(q4, [In(10, 100), In(11, 120), In(12, 80)]));
        var (sum, reason) = ValueAddedSum.Over(q4, [In(10, 100), In(12, 80)]);
        Assert.Null(sum);
        Assert.Equal("value added not reported for 2026-11", reason);
    }

    [Fact]
    public void Bad_bands_are_named()
    {
        Assert.Null(Scheme.Problem());
        Assert.NotNull(new GradeScheme { GradeUpperBounds = [0.8, 0.6] }.Problem());
        Assert.NotNull(new GradeScheme { LevelNames = ["a"] }.Problem());
    }
}
