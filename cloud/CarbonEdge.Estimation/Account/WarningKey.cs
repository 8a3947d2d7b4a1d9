namespace CarbonEdge.Estimation.Account;

/// <summary>What identifies a warning: it is raised at most once per subject, quantity, period and rule.</summary>
/// <param name="Subject">Enterprise or region.</param>
/// <param name="SubjectId">Enterprise id or region code.</param>
/// <param name="Quantity">tCO2 or tce.</param>
/// <param name="Period">The month or year.</param>
/// <param name="Rule">The rule, e.g. <c>used_80</c>, <c>used_100</c>, <c>forecast_exceeds</c>.</param>
public sealed record WarningKey(WarningSubject Subject, string SubjectId, BudgetQuantity Quantity, Period Period, string Rule)
{
    /// <summary>A stable id, e.g. <c>enterprise:ent-1:tco2:2026-11:used_80</c>.</summary>
    public string Id => $"{WireName.Of(Subject)}:{SubjectId}:{WireName.Of(Quantity)}:{Period}:{Rule}";
}

/// <summary>The outcome of one rule on one budget position.</summary>
/// <param name="Key">The warning.</param>
/// <param name="Holds">True when the condition is met now.</param>
/// <param name="Value">The compared value (used or forecast), in tCO2 or tce.</param>
/// <param name="Limit">What it was compared with (threshold x allocation, or the allocation).</param>
/// <param name="Message">A sentence for people.</param>
public sealed record WarningCheck(WarningKey Key, bool Holds, double Value, double Limit, string Message);
