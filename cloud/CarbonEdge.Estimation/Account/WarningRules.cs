using System.Globalization;

namespace CarbonEdge.Estimation.Account;

/// <summary>
/// Early-warning rules on budgets (T/ZJSEE energy-power monitoring guide §6.3.1.5 a, d: monthly and annual totals
/// against targets): used ≥ each threshold percentage of the period's allocation, and the forecast to the period's end
/// above the allocation.
/// </summary>
public sealed class WarningRules
{
    /// <summary>Percentages of the allocation that raise a warning when reached (default 80 and 100).</summary>
    public IReadOnlyList<double> ThresholdsPercent { get; init; } = [80, 100];

    /// <summary>Whether "forecast exceeds budget" is checked (default true).</summary>
    public bool ForecastExceeds { get; init; } = true;

    /// <summary>The rule name of a threshold: <c>used_80</c>, <c>used_100</c>, <c>used_92.5</c>.</summary>
    public static string UsedRule(double percent) => "used_" + percent.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The rule name of the forecast check.</summary>
    public const string ForecastRule = "forecast_exceeds";

    /// <summary>The problem with the thresholds, or null.</summary>
    public string? Problem() =>
        ThresholdsPercent.Any(t => !double.IsFinite(t) || t <= 0) ? "thresholdsPercent must all be > 0" : null;

    /// <summary>Every rule's outcome on <paramref name="position"/>.</summary>
    public IReadOnlyList<WarningCheck> Check(WarningSubject subject, BudgetPosition position)
    {
        var budget = position.Budget;
        string unit = WireName.Of(budget.Quantity);
        var checks = new List<WarningCheck>();
        foreach (double t in ThresholdsPercent)
        {
            double limit = position.Allocation * t / 100;
            var key = new WarningKey(subject, budget.Subject, budget.Quantity, position.Period, UsedRule(t));
            checks.Add(new WarningCheck(key, position.Used >= limit, position.Used, limit, string.Create(CultureInfo.InvariantCulture,
                $"{budget.Subject} {position.Period}: {position.Used:0.###} {unit} used, {position.UsedPercent:0.#} % of the allocation {position.Allocation:0.###} {unit} (threshold {t:0.###} %)")));
        }
        if (ForecastExceeds)
        {
            var key = new WarningKey(subject, budget.Subject, budget.Quantity, position.Period, ForecastRule);
            checks.Add(new WarningCheck(key, position.Forecast > position.Allocation, position.Forecast, position.Allocation, string.Create(CultureInfo.InvariantCulture,
                $"{budget.Subject} {position.Period}: forecast {position.Forecast:0.###} {unit} at the period's end exceeds the allocation {position.Allocation:0.###} {unit}")));
        }
        return checks;
    }
}
