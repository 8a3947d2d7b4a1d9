using CarbonEdge.Estimation.Electricity;
using CarbonEdge.Estimation.Models;

namespace CarbonEdge.Estimation.Tests.Models;

public class ProportionalModelTests
{
    private static readonly EnterpriseInfo Shop = new("ent-9", "110105", "5211");
    private static readonly Period February = Period.MonthOf(new DateOnly(2026, 2, 1));

    private static List<EnterpriseElectricity> Days(int count) => [.. Enumerable.Range(1, count)
        .Select(k => new EnterpriseElectricity(Shop, new DateOnly(2026, 2, k), [new MeterDay("m-9", new DateOnly(2026, 2, k), k, 0, 96, 96, false, null, [])]))];

    [Fact]
    public void A_months_total_is_shared_by_electricity_and_sums_back()
    {
        // Day k uses k kWh: sum 1 + ... + 28 = 406 kWh. 280 tCO2 for February: day 10 gets 280 x 10/406 = 6.896551724 tCO2.
        var days = ProportionalModel.Disaggregate(February, 280, "1", ["report.2026-02"], Days(28));

        Assert.Equal(28, days.Count);
        Assert.Equal(280.0 * 10 / 406, days[9].Tco2, 12);
        Assert.Equal(280, days.Sum(d => d.Tco2), 9);
        Assert.All(days, d => Assert.Equal(EstimationModel.Proportional, d.Model));
    }

    [Fact]
    public void Missing_days_are_refused()
    {
        var error = Assert.Throws<EstimationInputException>(() => ProportionalModel.Disaggregate(February, 280, "1", [], Days(27)));

        Assert.Contains("28 days, electricity given for 27", error.Message);
    }
}
