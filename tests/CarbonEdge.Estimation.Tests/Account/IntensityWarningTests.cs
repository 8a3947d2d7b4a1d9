using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Account;

namespace CarbonEdge.Estimation.Tests.Account;

/// <summary>Intensity warnings (T/ZJSEE energy-power monitoring guide §6.3.1.5 e), values computed by hand.</summary>
public sealed class IntensityWarningTests
{
    private static readonly Period Oct = Period.Of(PeriodKind.Month, new DateOnly(2026, 10, 1));
    private static readonly Period Nov = Period.Of(PeriodKind.Month, new DateOnly(2026, 11, 1));
    private static readonly IntensityTarget Target = new(0.5, 0.2);

    private readonly Dictionary<string, WarningState> _states = [];

    private List<(string Id, WarningTransition T)> Run(Period period, double tco2, double tce, double? valueAdded)
    {
        var outcome = IntensityRules.Check("ent-1", period, tco2, tce, valueAdded, null, Target);
        var transitions = WarningLedger.Apply(outcome.Checks, id => _states.TryGetValue(id, out var s) ? s : null);
        foreach (var (check, t) in transitions) _states[check.Key.Id] = t == WarningTransition.Cleared ? WarningState.Cleared : WarningState.Active;
        return [.. transitions.Select(t => (t.Check.Key.Id, t.Transition))];
    }

    [Fact]
    public void Intensity_above_target_is_raised_once_cleared_and_raised_again_next_period()
    {
        // 40 tCO2 / 100 x 10^4 CNY = 0.4 <= 0.5; 15 tce / 100 = 0.15 <= 0.2: nothing
        Assert.Empty(Run(Oct, 40, 15, 100));
        // 55 / 100 = 0.55 > 0.5: the tCO2 intensity is raised; tce 0.18 still under
        Assert.Equal([("enterprise:ent-1:tco2:2026-10:intensity_above_target", WarningTransition.Raised)], Run(Oct, 55, 18, 100));
        // 60 / 100 = 0.6 still above: nothing new
        Assert.Empty(Run(Oct, 60, 18, 100));
        // value added revised to 130: 60 / 130 = 0.4615 <= 0.5: cleared
        Assert.Equal([("enterprise:ent-1:tco2:2026-10:intensity_above_target", WarningTransition.Cleared)], Run(Oct, 60, 18, 130));
        // November 51 / 100 = 0.51 and 21 / 100 = 0.21 > 0.2: both raised for the new period
        Assert.Equal(
            [("enterprise:ent-1:tce:2026-11:intensity_above_target", WarningTransition.Raised), ("enterprise:ent-1:tco2:2026-11:intensity_above_target", WarningTransition.Raised)],
            Run(Nov, 51, 21, 100).OrderBy(x => x.Id).ToList());
    }

    [Fact]
    public void The_check_carries_the_intensity_and_the_target()
    {
        var year = Period.Of(PeriodKind.Year, new DateOnly(2026, 1, 1));
        var check = Assert.Single(IntensityRules.Check("ent-1", year, 660, 0, 1200, null, new IntensityTarget(0.5, null)).Checks);
        Assert.Equal("enterprise:ent-1:tco2:2026:intensity_above_target", check.Key.Id);
        Assert.True(check.Holds);
        Assert.Equal(0.55, check.Value, 12);
        Assert.Equal(0.5, check.Limit, 12);
    }

    [Theory]
    [InlineData(null, "ent-1 2026-11: intensity not checked: value added not reported for 2026-11")]
    [InlineData(0.0, "ent-1 2026-11: intensity not checked: value added 0 (10^4 CNY) is not positive")]
    public void Missing_or_zero_value_added_gives_no_warning_and_a_reason(double? valueAdded, string reason)
    {
        var outcome = IntensityRules.Check("ent-1", Nov, 500, 100, valueAdded, "value added not reported for 2026-11", Target);
        Assert.Empty(outcome.Checks);
        Assert.Equal([reason], outcome.NotChecked);
    }

    [Fact]
    public void Targets_must_be_positive()
    {
        Assert.Null(IntensityRules.Problem(Target));
        Assert.Equal("tco2PerValueAdded must be > 0", IntensityRules.Problem(new IntensityTarget(0, null)));
        Assert.Equal("tcePerValueAdded must be > 0", IntensityRules.Problem(new IntensityTarget(1, double.NaN)));
    }
}
