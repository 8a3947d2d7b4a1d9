namespace CarbonEdge.Estimation.Rollups;

/// <summary>The roll-up consistency rule of DESIGN.md (Estimation, 6): a parent equals the sum of its children within 0.5 %.</summary>
public static class Consistency
{
    /// <summary>0.005: the largest relative difference between a parent and the sum of its children.</summary>
    public const double Tolerance = 0.005;

    /// <summary>True when |parent - sumOfChildren| &lt;= tolerance x |parent| (both zero counts as consistent).</summary>
    public static bool Within(double parent, double sumOfChildren, double tolerance = Tolerance) =>
        parent == sumOfChildren || Math.Abs(parent - sumOfChildren) <= tolerance * Math.Abs(parent);
}
