namespace CarbonEdge.Estimation.Models;

/// <summary>
/// Proportional disaggregation, the "other sectors" models: a month's, quarter's or year's emissions, known from
/// statistics or reports, are spread over its days by electricity share:
/// <c>tCO2_d = tCO2_period x E_d / Sum_{days of period} E_d</c>. The days then sum back to the period exactly.
/// </summary>
public static class ProportionalModel
{
    /// <summary>Spreads a period's emissions over its days.</summary>
    /// <param name="period">The month, quarter or year the total is for.</param>
    /// <param name="periodTco2">The period's emissions, tCO2.</param>
    /// <param name="scope">Scope of the total (<c>1</c>, <c>2</c>, <c>1+2</c>).</param>
    /// <param name="factorVersions">Versions of the factors the total was computed with.</param>
    /// <param name="days">The enterprise's electricity for every day of the period.</param>
    /// <exception cref="EstimationInputException">Days missing from the period or outside it, or no electricity in the period.</exception>
    public static IReadOnlyList<EnterpriseDay> Disaggregate(Period period, double periodTco2, string scope,
        IReadOnlyList<string> factorVersions, IReadOnlyList<EnterpriseElectricity> days)
    {
        var enterprise = days.Count > 0 ? days[0].Enterprise.Id : "(none)";
        var covered = days.Select(d => d.Day).Where(period.Contains).Distinct().Count();
        if (covered != period.Days || days.Count != period.Days)
        {
            throw new EstimationInputException($"{enterprise}: {period} has {period.Days} days, electricity given for {covered} of them ({days.Count} entries)");
        }
        var total = days.Sum(d => d.Kwh);
        if (!(total > 0))
        {
            throw new EstimationInputException($"{enterprise}: no electricity in {period} to share {periodTco2} tCO2 by");
        }
        return [.. days.OrderBy(d => d.Day).Select(d => new EnterpriseDay(d.Enterprise, d.Day, EstimationModel.Proportional, scope,
            d.Kwh, periodTco2 * d.Kwh / total, d.Completeness, d.Estimated, d.GapFill, factorVersions,
            [.. d.Events, new EstimationEvent(EstimationEventKind.Disaggregated, d.Enterprise.Id, null,
                $"share {d.Kwh / total:G6} of {period} ({periodTco2:G9} tCO2) by electricity {d.Kwh:G9} of {total:G9} kWh")]))];
    }
}
