namespace CarbonEdge.Estimation.Regional;

/// <summary>One indicator of T/CES carbon statistics Table 1 (数据一致性校验量化指标).</summary>
/// <param name="Name">Wire name: <c>consistency_rate</c>, <c>correction_rate</c>, <c>anomaly_rate</c>, <c>validation_success_rate</c>, <c>timeliness</c>.</param>
/// <param name="Value">The rate, [0, 1]; null when nothing was counted.</param>
/// <param name="Numerator">Counted items meeting the definition.</param>
/// <param name="Denominator">All counted items.</param>
/// <param name="Target">Table 1's target value.</param>
/// <param name="AtLeast">True when the value must reach the target, false when it must stay within it.</param>
public sealed record RegionalIndicator(string Name, double? Value, long Numerator, long Denominator, double Target, bool AtLeast)
{
    /// <summary>True when the value meets Table 1's target (and something was counted).</summary>
    public bool Met => Value is { } v && (AtLeast ? v >= Target : v <= Target);
}

/// <summary>
/// The Table 1 indicators of a run (T/CES carbon statistics §6.4.3), each as numerator / denominator:
/// <list type="bullet">
/// <item><c>consistency_rate</c> (≥ 99 %): roll-up checks passed (time and space) / roll-up checks;</item>
/// <item><c>correction_rate</c> (≤ 5 %): electricity day values interpolated (§7.2.3) / electricity day values expected;</item>
/// <item><c>anomaly_rate</c> (≤ 1 %): anomalous day results (§7.3.3) / day results;</item>
/// <item><c>validation_success_rate</c> (≥ 98 %): input lines accepted / input lines read;</item>
/// <item><c>timeliness</c> (≥ 95 %): electricity day values present when the run happened (measured, not interpolated) /
/// expected — in the service the run follows each day's midnight, so a value that arrives later counts as late.</item>
/// </list>
/// </summary>
public static class RegionalIndicators
{
    /// <summary>The five indicators of <paramref name="run"/>.</summary>
    /// <param name="run">The run.</param>
    /// <param name="linesRead">Input lines read (statistics and electricity files, metered days).</param>
    /// <param name="linesAccepted">Of those, accepted.</param>
    public static IReadOnlyList<RegionalIndicator> Of(RegionalRunResult run, long linesRead, long linesAccepted)
    {
        var rollups = run.Checks.Where(c => c.Kind is "time_rollup" or "space_rollup").ToList();
        var interpolated = run.Interpolations.Sum(i => i.Days.Count);
        var days = run.Results.Count(r => r.Period.Kind == PeriodKind.Day);
        return
        [
            Rate("consistency_rate", rollups.Count(c => c.Passed), rollups.Count, 0.99, atLeast: true),
            Rate("correction_rate", interpolated, run.ElectricityExpected, 0.05, atLeast: false),
            Rate("anomaly_rate", run.Anomalies.Count, days, 0.01, atLeast: false),
            Rate("validation_success_rate", linesAccepted, linesRead, 0.98, atLeast: true),
            Rate("timeliness", run.ElectricityMeasured, run.ElectricityExpected, 0.95, atLeast: true),
        ];
    }

    private static RegionalIndicator Rate(string name, long numerator, long denominator, double target, bool atLeast) =>
        new(name, denominator == 0 ? null : (double)numerator / denominator, numerator, denominator, target, atLeast);
}
