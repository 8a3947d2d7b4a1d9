namespace CarbonEdge.Estimation.Account;

/// <summary>
/// The bands the carbon-efficiency code is assigned by (T/ZJSEE energy-power monitoring guide §6.4.2.3 c–d;
/// T/CEPPC 14-2023 §6.2.1). Upper bounds are inclusive. The defaults follow the Zhejiang scheme for industrial
/// enterprises above designated size first used by Huzhou (工业碳效码, 2021), as published in
/// "规上工业企业碳效等级评价方法": carbon-efficiency value K = the enterprise's tCO2 per 10^4 CNY value added / its
/// industry's average over the same period; grade 1 K ≤ 0.6, 2 ≤ 0.8, 3 ≤ 1.2, 4 ≤ 2.0, 5 above; level by
/// L = tCO2 per 10^4 CNY: low carbon L ≤ 0.6, medium ≤ 2.0, high above. Configuration may replace both.
/// </summary>
public sealed class GradeScheme
{
    /// <summary>Name of the scheme, shown with every grade.</summary>
    public string Name { get; init; } = "Zhejiang industrial carbon-efficiency code (Huzhou 2021), 5 grades";

    /// <summary>Where the bands come from.</summary>
    public string Source { get; init; } =
        "规上工业企业碳效等级评价方法 (Zhejiang/Huzhou industrial carbon-efficiency code method), clauses 2-3; public copy m.yzwku.com/doc/493133.html";

    /// <summary>Inclusive upper bounds of K for grades 1..n-1 (grade n above the last), ascending.</summary>
    public IReadOnlyList<double> GradeUpperBounds { get; init; } = [0.6, 0.8, 1.2, 2.0];

    /// <summary>Inclusive upper bounds of L (tCO2 per 10^4 CNY) for the levels but the last, ascending.</summary>
    public IReadOnlyList<double> LevelUpperBounds { get; init; } = [0.6, 2.0];

    /// <summary>Names of the levels, one more than <see cref="LevelUpperBounds"/>.</summary>
    public IReadOnlyList<string> LevelNames { get; init; } = ["low_carbon", "medium_carbon", "high_carbon"];

    /// <summary>The problem with the bands, or null when they can be used (ascending, positive, names match).</summary>
    public string? Problem()
    {
        if (GradeUpperBounds.Count == 0) return "gradeUpperBounds must hold at least one bound";
        if (!Ascending(GradeUpperBounds)) return "gradeUpperBounds must be positive and strictly ascending";
        if (!Ascending(LevelUpperBounds)) return "levelUpperBounds must be positive and strictly ascending";
        if (LevelNames.Count != LevelUpperBounds.Count + 1) return "levelNames must hold one name more than levelUpperBounds";
        return null;
    }

    /// <summary>The grade (1 = most efficient) of a carbon-efficiency value K.</summary>
    public int GradeOf(double k) => BandOf(GradeUpperBounds, k) + 1;

    /// <summary>The level name of an intensity L (tCO2 per 10^4 CNY).</summary>
    public string LevelOf(double l) => LevelNames[BandOf(LevelUpperBounds, l)];

    private static int BandOf(IReadOnlyList<double> upperBounds, double value)
    {
        int band = 0;
        while (band < upperBounds.Count && value > upperBounds[band]) band++;
        return band;
    }

    private static bool Ascending(IReadOnlyList<double> bounds)
    {
        for (int i = 0; i < bounds.Count; i++)
            if (!double.IsFinite(bounds[i]) || bounds[i] <= 0 || (i > 0 && bounds[i] <= bounds[i - 1])) return false;
        return true;
    }
}
