using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Account;

namespace CarbonEdge.Cloud.Account;

/// <summary>
/// Evaluates the warning rules on every budget of the current year (T/ZJSEE energy-power monitoring guide §6.3.1.5 a,
/// d: enterprises and regions, monthly and annual totals) and records the transitions in the registry: raised once per
/// period and rule, cleared when no longer true.
/// </summary>
internal sealed class WarningEvaluator(AccountCalculator calculator, RegistryStore registry, AccountOptions options, EstimationOptions estimation, TimeProvider time)
{
    /// <summary>Runs the rules now; returns the transitions recorded.</summary>
    /// <exception cref="Influx.InfluxQueryException">The daily results could not be read.</exception>
    public async Task<IReadOnlyList<(WarningCheck Check, WarningTransition Transition)>> EvaluateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rules = options.Rules();
        var statuses = await calculator.BudgetsAsync(LocalDay.Of(now, estimation.TimeZone), cancellationToken).ConfigureAwait(false);
        var checks = statuses.SelectMany(s => rules.Check(s.Subject, s.Month).Concat(rules.Check(s.Subject, s.Year)));
        var transitions = WarningLedger.Apply(checks, registry.WarningStateOf);
        registry.ApplyWarnings(transitions, now);
        return transitions;
    }
}
