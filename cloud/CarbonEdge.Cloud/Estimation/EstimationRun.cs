using CarbonEdge.Cloud.Estimation.Rollups;

namespace CarbonEdge.Cloud.Estimation;

/// <summary>What a run estimated and rebuilt.</summary>
/// <param name="Days">Each day's estimate, in day order.</param>
/// <param name="Rollups">The <c>carbon_rollup</c> rows written.</param>
internal sealed record EstimationRunResult(IReadOnlyList<DayEstimate> Days, IReadOnlyList<CarbonRollup> Rollups);

/// <summary>
/// Estimates local days (writing <c>carbon_daily</c>) and then rebuilds the roll-ups they belong to once (writing
/// <c>carbon_rollup</c>): what the scheduler runs on its timetable and for late data, and what
/// <c>cedge-cloud estimate --day</c> runs. With a <see cref="Regional.RegionalRunner"/>, the region results of the
/// provinces with imported region inputs are recomputed for the years of the days (their metered electricity changed).
/// </summary>
internal sealed class EstimationRun(DailyEstimator estimator, RollupRebuilder rollups, Regional.RegionalRunner? regional = null)
{
    /// <summary>Runs <paramref name="days"/> (for every enterprise, or only <paramref name="enterpriseId"/>'s daily results; roll-ups always cover everyone).</summary>
    /// <exception cref="Influx.InfluxQueryException">Readings or results could not be read.</exception>
    /// <exception cref="Influx.InfluxWriteException">Results could not be written.</exception>
    public async Task<EstimationRunResult> RunAsync(IReadOnlyCollection<DateOnly> days, CancellationToken cancellationToken, string? enterpriseId = null)
    {
        var estimates = new List<DayEstimate>(days.Count);
        foreach (var day in days.Distinct().Order())
            estimates.Add(await estimator.EstimateAsync(day, cancellationToken, enterpriseId).ConfigureAwait(false));
        var written = await rollups.RebuildAsync(days, [.. estimates.SelectMany(e => e.Boundaries)], cancellationToken).ConfigureAwait(false);
        if (regional is not null && days.Count > 0)
            await regional.RecomputeAsync(days.Min().Year, days.Max().Year, cancellationToken).ConfigureAwait(false);
        return new EstimationRunResult(estimates, written);
    }
}
