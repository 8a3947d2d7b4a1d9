using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Account;

namespace CarbonEdge.Cloud.Account;

/// <summary>
/// Evaluates the warning rules on every budget of the current year (T/ZJSEE energy-power monitoring guide §6.3.1.5 a,
/// d: enterprises and regions, monthly and annual totals; e: enterprise intensities against their targets) and records the transitions in the registry: raised once per
/// period and rule, cleared when no longer true.
/// </summary>
internal sealed partial class WarningEvaluator(AccountCalculator calculator, RegistryStore registry, AccountOptions options, EstimationOptions estimation,
    TimeProvider time, ILogger<WarningEvaluator> logger)
{
    /// <summary>Why intensities were not checked at the last round: each reason is logged once, when it first appears.</summary>
    private HashSet<string> _notChecked = [];

    /// <summary>Runs the rules now; returns the transitions recorded.</summary>
    /// <exception cref="Influx.InfluxQueryException">The daily results could not be read.</exception>
    public async Task<IReadOnlyList<(WarningCheck Check, WarningTransition Transition)>> EvaluateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rules = options.Rules();
        var today = LocalDay.Of(now, estimation.TimeZone);
        var statuses = await calculator.BudgetsAsync(today, cancellationToken).ConfigureAwait(false);
        var intensity = await calculator.IntensityAsync(today, cancellationToken).ConfigureAwait(false);
        foreach (string reason in intensity.NotChecked.Where(r => !_notChecked.Contains(r))) LogNotChecked(logger, reason);
        _notChecked = [.. intensity.NotChecked];
        var checks = statuses.SelectMany(s => rules.Check(s.Subject, s.Month).Concat(rules.Check(s.Subject, s.Year))).Concat(intensity.Checks);
        var transitions = WarningLedger.Apply(checks, registry.WarningStateOf);
        registry.ApplyWarnings(transitions, now);
        return transitions;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Reason}")]
    static partial void LogNotChecked(ILogger logger, string reason);
}
