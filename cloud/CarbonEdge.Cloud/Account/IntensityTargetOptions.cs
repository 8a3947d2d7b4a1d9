using CarbonEdge.Estimation.Account;

namespace CarbonEdge.Cloud.Account;

/// <summary>
/// One entry of <c>account.intensityTargets</c>: the target intensities of an enterprise or of a GB/T 4754 industry
/// (T/ZJSEE energy-power monitoring guide §6.3.1.5 e), e.g.
/// <c>{ "industry": "3130", "tco2PerValueAdded": 2.5, "tcePerValueAdded": 0.9 }</c>.
/// </summary>
internal sealed class IntensityTargetOptions
{
    /// <summary>Enterprise id, or null for an industry target.</summary>
    public string? Enterprise { get; set; }

    /// <summary>GB/T 4754 code (or its leading digits: <c>31</c> covers <c>3130</c>) when <see cref="Enterprise"/> is null.</summary>
    public string? Industry { get; set; }

    /// <summary>Target tCO2 per 10^4 CNY value added (&gt; 0).</summary>
    public double Tco2PerValueAdded { get; set; }

    /// <summary>Target tce per 10^4 CNY value added (&gt; 0), or null when energy intensity is not watched.</summary>
    public double? TcePerValueAdded { get; set; }

    /// <summary>The target these options give.</summary>
    public IntensityTarget Target() => new(Tco2PerValueAdded, TcePerValueAdded);

    /// <summary>The problem with this entry, or null.</summary>
    public string? Problem() =>
        (Enterprise is null) == string.IsNullOrEmpty(Industry) ? "give either enterprise or industry"
        : IntensityRules.Problem(Target());
}
