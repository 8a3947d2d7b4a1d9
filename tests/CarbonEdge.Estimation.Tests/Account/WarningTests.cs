using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Account;

namespace CarbonEdge.Estimation.Tests.Account;

public sealed class WarningTests
{
    private static readonly AnnualBudget Budget =
        AnnualBudget.Allocate("ent-1", 2026, BudgetQuantity.Tco2, 1200, BudgetAllocation.Manual, [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100]);

    private static readonly Period Oct = Period.Of(PeriodKind.Month, new DateOnly(2026, 10, 1));
    private static readonly Period Nov = Period.Of(PeriodKind.Month, new DateOnly(2026, 11, 1));

    /// <summary>A ledger kept as the registry keeps it: the state of every warning raised.</summary>
    private sealed class Ledger
    {
        public readonly Dictionary<string, WarningState> States = [];

        public List<(string Id, WarningTransition T)> Run(Period month, DateOnly through, double used, double forecast)
        {
            var checks = new WarningRules().Check(WarningSubject.Enterprise, new BudgetPosition(Budget, month, through, used, forecast));
            var transitions = WarningLedger.Apply(checks, id => States.TryGetValue(id, out var s) ? s : null);
            foreach (var (check, t) in transitions) States[check.Key.Id] = t == WarningTransition.Cleared ? WarningState.Cleared : WarningState.Active;
            return [.. transitions.Select(t => (t.Check.Key.Id, t.Transition))];
        }
    }

    [Fact]
    public void Eighty_percent_is_raised_once_cleared_and_raised_again_next_month()
    {
        var ledger = new Ledger();
        // 79 of 100: nothing; forecast 95 stays under the allocation
        Assert.Empty(ledger.Run(Oct, new DateOnly(2026, 10, 20), 79, 95));
        // 80 of 100 reaches the threshold: raised
        Assert.Equal([("enterprise:ent-1:tco2:2026-10:used_80", WarningTransition.Raised)], ledger.Run(Oct, new DateOnly(2026, 10, 21), 80, 99));
        // still 85: nothing new (raised once per period and threshold)
        Assert.Empty(ledger.Run(Oct, new DateOnly(2026, 10, 22), 85, 99));
        // a re-estimation lowers it to 70: cleared
        Assert.Equal([("enterprise:ent-1:tco2:2026-10:used_80", WarningTransition.Cleared)], ledger.Run(Oct, new DateOnly(2026, 10, 22), 70, 99));
        // back to 82 in the same month: active again, not raised a second time
        Assert.Equal([("enterprise:ent-1:tco2:2026-10:used_80", WarningTransition.Reopened)], ledger.Run(Oct, new DateOnly(2026, 10, 23), 82, 99));
        // November at 81: raised again for the new period
        Assert.Equal([("enterprise:ent-1:tco2:2026-11:used_80", WarningTransition.Raised)], ledger.Run(Nov, new DateOnly(2026, 11, 25), 81, 98));
    }

    [Fact]
    public void Hundred_percent_raises_both_thresholds()
    {
        var ledger = new Ledger();
        var t = ledger.Run(Nov, new DateOnly(2026, 11, 30), 100, 100);
        Assert.Equal(["enterprise:ent-1:tco2:2026-11:used_100", "enterprise:ent-1:tco2:2026-11:used_80"], t.Select(x => x.Id).Order());
        Assert.All(t, x => Assert.Equal(WarningTransition.Raised, x.T));
        // 99.9 clears 100 only
        Assert.Equal([("enterprise:ent-1:tco2:2026-11:used_100", WarningTransition.Cleared)], ledger.Run(Nov, new DateOnly(2026, 11, 30), 99.9, 99.9));
        Assert.Equal([("enterprise:ent-1:tco2:2026-12:used_100", WarningTransition.Raised), ("enterprise:ent-1:tco2:2026-12:used_80", WarningTransition.Raised)],
            ledger.Run(Period.Of(PeriodKind.Month, new DateOnly(2026, 12, 1)), new DateOnly(2026, 12, 31), 100, 100).OrderBy(x => x.Id).ToList());
    }

    [Fact]
    public void Forecast_exceeding_the_allocation_is_raised_once_and_cleared()
    {
        var ledger = new Ledger();
        // 50 used by the 10th, forecast 100.5 > 100
        Assert.Equal([("enterprise:ent-1:tco2:2026-11:forecast_exceeds", WarningTransition.Raised)], ledger.Run(Nov, new DateOnly(2026, 11, 10), 50, 100.5));
        Assert.Empty(ledger.Run(Nov, new DateOnly(2026, 11, 11), 55, 120));
        // forecast exactly at the allocation does not exceed it: cleared
        Assert.Equal([("enterprise:ent-1:tco2:2026-11:forecast_exceeds", WarningTransition.Cleared)], ledger.Run(Nov, new DateOnly(2026, 11, 12), 56, 100));
        Assert.Equal([("enterprise:ent-1:tco2:2026-12:forecast_exceeds", WarningTransition.Raised)],
            ledger.Run(Period.Of(PeriodKind.Month, new DateOnly(2026, 12, 1)), new DateOnly(2026, 12, 2), 5, 101));
    }

    [Fact]
    public void Thresholds_are_configurable()
    {
        var rules = new WarningRules { ThresholdsPercent = [92.5], ForecastExceeds = false };
        var checks = rules.Check(WarningSubject.Region, new BudgetPosition(Budget, Nov, new DateOnly(2026, 11, 28), 92.5, 99));
        var check = Assert.Single(checks);
        Assert.True(check.Holds);
        Assert.Equal("region:ent-1:tco2:2026-11:used_92.5", check.Key.Id);
        Assert.Equal(92.5, check.Limit, 9);
        Assert.NotNull(new WarningRules { ThresholdsPercent = [0] }.Problem());
    }
}
