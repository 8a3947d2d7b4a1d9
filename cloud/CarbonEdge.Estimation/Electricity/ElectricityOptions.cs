namespace CarbonEdge.Estimation.Electricity;

/// <summary>Options of the daily-electricity computation (DESIGN.md formula 1).</summary>
public sealed class ElectricityOptions
{
    /// <summary>Default options: 2 h window, linear gap filling, rollover band 10 %.</summary>
    public static ElectricityOptions Default { get; } = new();

    /// <summary>
    /// A day boundary is interpolated (and counts as measured) only when the nearest good readings on both sides are
    /// each within this window of it; default 2 h.
    /// </summary>
    public TimeSpan BoundaryWindow { get; init; } = TimeSpan.FromHours(2);

    /// <summary>How unmeasured spans are filled; default <see cref="GapFillMethod.Linear"/>.</summary>
    public GapFillMethod GapFill { get; init; } = GapFillMethod.Linear;

    /// <summary>
    /// A fall in the register is a rollover only when the earlier value lies in the top band of the range and the later
    /// one in the bottom band (fraction of the modulus); default 0.1. Any other fall is a negative delta or a reset.
    /// </summary>
    public double RolloverBand { get; init; } = 0.1;
}
