using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Account;

namespace CarbonEdge.Estimation.Tests.Account;

public sealed class BudgetTests
{
    [Fact]
    public void Even_allocation_is_by_days()
    {
        // 3 650 tCO2 over 2026 (365 days): 10 t a day; January 310, February 280
        var b = AnnualBudget.Allocate("e", 2026, BudgetQuantity.Tco2, 3650, BudgetAllocation.Even);
        Assert.Equal(310, b.Months[0], 9);
        Assert.Equal(280, b.Months[1], 9);
        Assert.Equal(3650, b.Months.Sum(), 9);
        Assert.Equal(310 + 280 + 310, b.AllocationOf(Period.Of(PeriodKind.Quarter, new DateOnly(2026, 1, 1))), 9);
    }

    [Fact]
    public void Profile_allocation_follows_last_year()
    {
        // last year: 1 in every month but December with 13: December gets 13/24 of 1 200 = 650, others 50
        double[] last = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 13];
        var b = AnnualBudget.Allocate("e", 2026, BudgetQuantity.Tce, 1200, BudgetAllocation.Profile, last);
        Assert.Equal(50, b.Months[0], 9);
        Assert.Equal(650, b.Months[11], 9);
    }

    [Fact]
    public void Manual_allocation_must_add_up()
    {
        double[] months = [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100];
        var b = AnnualBudget.Allocate("e", 2026, BudgetQuantity.Tco2, 1200, BudgetAllocation.Manual, months);
        Assert.Equal(100, b.AllocationOf(Period.Of(PeriodKind.Month, new DateOnly(2026, 5, 1))));
        var ex = Assert.Throws<ArgumentException>(() => AnnualBudget.Allocate("e", 2026, BudgetQuantity.Tco2, 1000, BudgetAllocation.Manual, months));
        Assert.Contains("adds up to 1200", ex.Message);
        Assert.Throws<ArgumentException>(() => AnnualBudget.Allocate("e", 2026, BudgetQuantity.Tco2, 1200, BudgetAllocation.Manual, [1200]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    public void Zero_or_negative_budget_is_rejected(double total)
    {
        var ex = Assert.Throws<ArgumentException>(() => AnnualBudget.Allocate("e", 2026, BudgetQuantity.Tco2, total, BudgetAllocation.Even));
        Assert.Contains("must be > 0", ex.Message);
    }

    [Fact]
    public void All_zero_profile_is_rejected() =>
        Assert.Throws<ArgumentException>(() => AnnualBudget.Allocate("e", 2026, BudgetQuantity.Tco2, 100, BudgetAllocation.Profile, new double[12]));

    [Fact]
    public void Position_to_date()
    {
        // November 2026: 300 t allocated by hand; 15 days used 270 t: 90 %; allocation line at day 15 = 150
        double[] months = [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 300, 100];
        var b = AnnualBudget.Allocate("e", 2026, BudgetQuantity.Tco2, 1400, BudgetAllocation.Manual, months);
        var nov = Period.Of(PeriodKind.Month, new DateOnly(2026, 11, 1));
        var p = new BudgetPosition(b, nov, new DateOnly(2026, 11, 15), 270, 540);
        Assert.Equal(300, p.Allocation);
        Assert.Equal(90, p.UsedPercent, 9);
        Assert.Equal(180, p.ForecastPercent, 9);
        Assert.Equal(150, p.AllocationToDate, 9);
        var year = new BudgetPosition(b, Period.Of(PeriodKind.Year, nov.First), new DateOnly(2026, 11, 15), 1270, 1600);
        Assert.Equal(1000 + 150, year.AllocationToDate, 9);
    }
}
