using CarbonEdge.Estimation.Models;
using CarbonEdge.Estimation.Rollups;

namespace CarbonEdge.Estimation.Tests.Rollups;

public class RollupTests
{
    // Two steel plants in 石家庄市长安区 (130102), one in 唐山市路南区 (130202); all in 河北省 (130000).
    private static readonly EnterpriseInfo A = new("ent-a", "130102", "3110");
    private static readonly EnterpriseInfo B = new("ent-b", "130102", "3110");
    private static readonly EnterpriseInfo C = new("ent-c", "130202", "2511");
    private static readonly EnterpriseInfo[] Registry = [A, B, C];
    private static readonly DateOnly Nov21 = new(2026, 11, 21), Nov22 = new(2026, 11, 22);

    private static EnterpriseDay Leaf(EnterpriseInfo e, DateOnly day, double kwh, double completeness = 1, bool estimated = false) =>
        new(e, day, EstimationModel.Grid, "2", kwh, kwh / 1000 * 0.5703, completeness, estimated, null, ["grid.ets_reporting.CN.2022@v1"], []);

    private static readonly EnterpriseDay[] Leaves =
    [
        Leaf(A, Nov21, 1000), Leaf(A, Nov22, 2000),
        Leaf(B, Nov21, 500, 0.5), Leaf(B, Nov22, 700),
        Leaf(C, Nov22, 4000, estimated: true),
    ];

    private static RollupRow Row(IReadOnlyList<RollupRow> rows, string key, string period) =>
        Assert.Single(rows, r => r.Key == key && r.Period.ToString() == period);

    [Fact]
    public void Regions_sum_their_enterprises_per_day_and_count_children()
    {
        // 2026-11-22: county 130102 = A 2000 + B 700 = 2700 kWh; city 130100 = 2700; city 130200 = C 4000;
        // province 130000 = 6700 kWh, tCO2 = 6.7 MWh x 0.5703 = 3.82101. Children: province 2 cities, city 130100 1 county.
        var rows = Rollup.Build(Registry, Leaves);

        var county = Row(rows, "region:130102", "2026-11-22");
        var province = Row(rows, "region:130000", "2026-11-22");
        Assert.Equal(2700, county.Kwh);
        Assert.Equal(RollupLevel.County, county.Level);
        Assert.Equal(2, county.Children);
        Assert.Equal(1, Row(rows, "region:130100", "2026-11-22").Children);
        Assert.Equal(6700, province.Kwh);
        Assert.Equal(3.82101, province.Tco2, 12);
        Assert.Equal(2, province.Children);
        Assert.Equal(0, province.ChildrenMissing);
        Assert.True(province.Estimated);   // C is estimated
        Assert.True(province.Consistent);
        Assert.Equal(2700, Row(rows, "industry:3110", "2026-11-22").Kwh);
        Assert.Equal(4000, Row(rows, "industry:2511", "2026-11-22").Kwh);
    }

    [Fact]
    public void A_missing_enterprise_is_counted_and_lowers_completeness()
    {
        // 2026-11-21: C has no result. Province: A 1000 + B 500 = 1500 kWh; 1 of 3 expected enterprises missing;
        // completeness (1 + 0.5 + 0) / 3 = 0.5.
        var rows = Rollup.Build(Registry, Leaves);

        var province = Row(rows, "region:130000", "2026-11-21");
        Assert.Equal(1500, province.Kwh);
        Assert.Equal(1, province.ChildrenMissing);
        Assert.Equal(0.5, province.Completeness, 12);
        Assert.True(province.Estimated);
    }

    [Fact]
    public void Months_quarters_and_years_sum_days_and_count_the_days_missing()
    {
        // A in 2026-11: 1000 + 2000 = 3000 kWh from 2 of 30 days: 28 missing, completeness 2/30.
        // Quarter 2026-Q4: 1 month present of 3; year: 1 quarter of 4.
        var rows = Rollup.Build(Registry, Leaves);

        var month = Row(rows, "ent-a", "2026-11");
        Assert.Equal(3000, month.Kwh);
        Assert.Equal(2, month.Children);
        Assert.Equal(28, month.ChildrenMissing);
        Assert.Equal(2.0 / 30, month.Completeness, 12);
        Assert.Equal(2, Row(rows, "ent-a", "2026-Q4").ChildrenMissing);
        Assert.Equal(3, Row(rows, "ent-a", "2026").ChildrenMissing);
        Assert.Equal(3000, Row(rows, "ent-a", "2026").Kwh);
        // The province's month: 1000 + 2000 + 500 + 700 + 4000 = 8200 kWh.
        Assert.Equal(8200, Row(rows, "region:130000", "2026-11").Kwh);
    }

    [Fact]
    public void A_reference_figure_is_checked_against_the_sum_within_half_a_percent()
    {
        // A's month from its register: 3014 kWh (sum 3000: 0.46 % off -> consistent);
        // B's: 1206.1 kWh (sum 1200: 0.51 % off -> inconsistent). County: 4220.1 vs 4200: 0.48 % -> consistent.
        var month = Period.MonthOf(Nov22);
        RollupReference[] references = [new("ent-a", month, EstimationModel.Grid, 3014, null), new("ent-b", month, EstimationModel.Grid, 1206.1, null)];

        var rows = Rollup.Build(Registry, Leaves, references);

        Assert.True(Row(rows, "ent-a", "2026-11").Consistent);
        Assert.False(Row(rows, "ent-b", "2026-11").Consistent);
        var county = Row(rows, "region:130102", "2026-11");
        Assert.Equal(4220.1, county.ReferenceKwh!.Value, 9);
        Assert.True(county.Consistent);
        Assert.Null(Row(rows, "region:130000", "2026-11").ReferenceKwh); // C has no reference
    }

    [Fact]
    public void A_re_run_replaces_the_earlier_result_instead_of_adding_to_it()
    {
        var rerun = Leaf(A, Nov22, 2500);

        var rows = Rollup.Build(Registry, [.. Leaves, rerun]);

        Assert.Equal(3500, Row(rows, "ent-a", "2026-11").Kwh);
        Assert.Equal(2, Row(rows, "ent-a", "2026-11").Children);
    }

    [Fact]
    public void The_consistency_rule_is_half_a_percent_of_the_parent()
    {
        Assert.True(Consistency.Within(1000, 995));
        Assert.False(Consistency.Within(1000, 994.9));
        Assert.True(Consistency.Within(0, 0));
        Assert.False(Consistency.Within(0, 1e-9));
    }
}
