namespace CarbonEdge.Estimation.Account;

/// <summary>
/// An enterprise's carbon-efficiency code over a period (T/ZJSEE energy-power monitoring guide §6.4.2.3;
/// T/CEPPC 14-2023 §6.2.1): its values, its industry's average in its region, K = L / L_industry, the grade and the
/// level. When K cannot be formed (no value added for the enterprise or the industry), <see cref="Grade"/> is null and
/// <see cref="Reason"/> says why: never a grade of zero.
/// </summary>
/// <param name="Period">The month, quarter or year.</param>
/// <param name="Enterprise">The enterprise's values.</param>
/// <param name="Industry">The industry's values in the region (sums over its enterprises with value added).</param>
/// <param name="IndustryEnterprises">Number of enterprises the industry average is taken over.</param>
/// <param name="K">Carbon-efficiency value K, or null.</param>
/// <param name="Grade">1 (most efficient) to n, or null.</param>
/// <param name="Level">Level by L (e.g. <c>low_carbon</c>), or null.</param>
/// <param name="Reason">Why no grade, or null.</param>
public sealed record EfficiencyGrade(Period Period, EfficiencyValues Enterprise, EfficiencyValues Industry, int IndustryEnterprises,
    double? K, int? Grade, string? Level, string? Reason)
{
    /// <summary>
    /// Grades <paramref name="enterprise"/> against the industry average. The industry's L is Σ tCO2 / Σ value added
    /// over the enterprises of the same GB/T 4754 industry in the same region that reported value added for the whole
    /// period (the enterprise itself included).
    /// </summary>
    /// <param name="period">The period.</param>
    /// <param name="enterprise">The enterprise's values.</param>
    /// <param name="peers">Every enterprise of the industry in the region, the graded one included.</param>
    /// <param name="scheme">The bands.</param>
    public static EfficiencyGrade Assess(Period period, EfficiencyValues enterprise, IReadOnlyCollection<EfficiencyValues> peers, GradeScheme scheme)
    {
        var reporting = peers.Where(p => p.Tco2PerValueAdded is not null).ToList();
        var industry = EfficiencyValues.Compute(reporting.Sum(p => p.Tco2), reporting.Sum(p => p.Tce),
            reporting.Count > 0 ? reporting.Sum(p => p.ValueAdded!.Value) : null, "no enterprise of the industry in the region reported value added");
        if (enterprise.Tco2PerValueAdded is not { } l)
            return new EfficiencyGrade(period, enterprise, industry, reporting.Count, null, null, null, enterprise.Reason);
        if (industry.Tco2PerValueAdded is not { } average || average <= 0)
            return new EfficiencyGrade(period, enterprise, industry, reporting.Count, null, null, scheme.LevelOf(l),
                industry.Reason ?? "the industry average is zero (no emissions)");
        double k = l / average;
        return new EfficiencyGrade(period, enterprise, industry, reporting.Count, k, scheme.GradeOf(k), scheme.LevelOf(l), null);
    }
}
