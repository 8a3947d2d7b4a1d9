namespace CarbonEdge.Estimation.Account;

/// <summary>What happened to a warning on a check.</summary>
public enum WarningTransition
{
    /// <summary>The condition holds for the first time in its period: notify.</summary>
    Raised,
    /// <summary>It no longer holds: the active warning is cleared.</summary>
    Cleared,
    /// <summary>It holds again in the same period after being cleared: active again, not notified a second time.</summary>
    Reopened,
}

/// <summary>The state of a warning already known.</summary>
public enum WarningState
{
    /// <summary>Raised (or reopened) and still holding.</summary>
    Active,
    /// <summary>Raised once, no longer holding.</summary>
    Cleared,
}

/// <summary>
/// Turns rule outcomes into transitions: each warning is raised once per period and rule, cleared when it no longer
/// holds, and — since the period is part of its key — raised again in the next period.
/// </summary>
public static class WarningLedger
{
    /// <summary>The transitions of <paramref name="checks"/> given the known states.</summary>
    /// <param name="checks">Outcomes of the rules.</param>
    /// <param name="known">The state of a warning by <see cref="WarningKey.Id"/>, or null when it was never raised.</param>
    public static IReadOnlyList<(WarningCheck Check, WarningTransition Transition)> Apply(IEnumerable<WarningCheck> checks,
        Func<string, WarningState?> known)
    {
        var transitions = new List<(WarningCheck, WarningTransition)>();
        foreach (var check in checks)
        {
            var state = known(check.Key.Id);
            if (check.Holds && state is null) transitions.Add((check, WarningTransition.Raised));
            else if (check.Holds && state == WarningState.Cleared) transitions.Add((check, WarningTransition.Reopened));
            else if (!check.Holds && state == WarningState.Active) transitions.Add((check, WarningTransition.Cleared));
        }
        return transitions;
    }
}
