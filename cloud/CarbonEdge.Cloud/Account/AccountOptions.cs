using System.ComponentModel.DataAnnotations;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation.Account;

namespace CarbonEdge.Cloud.Account;

/// <summary>
/// The enterprise carbon account (config section <c>account</c>): grade bands, warning thresholds, the webhook warnings
/// go to, how often warnings are evaluated, and the browser that prints reports to PDF.
/// </summary>
internal sealed class AccountOptions : IValidatableObject
{
    /// <summary>Inclusive upper bounds of the carbon-efficiency value K for grades 1..n-1; null: the Zhejiang bands 0.6, 0.8, 1.2, 2.0.</summary>
    public double[]? GradeUpperBounds { get; set; }

    /// <summary>Inclusive upper bounds of L (tCO2 per 10^4 CNY) for the levels; null: 0.6 and 2.0.</summary>
    public double[]? LevelUpperBounds { get; set; }

    /// <summary>Level names, one more than <see cref="LevelUpperBounds"/>; null: low_carbon, medium_carbon, high_carbon.</summary>
    public string[]? LevelNames { get; set; }

    /// <summary>Name and source of configured bands (required when the bands are changed).</summary>
    public string? GradeSchemeName { get; set; }

    /// <summary>Where configured bands come from.</summary>
    public string? GradeSchemeSource { get; set; }

    /// <summary>Percentages of the period's allocation that raise a warning; null: 80 and 100.</summary>
    public double[]? WarningThresholdsPercent { get; set; }

    /// <summary>Whether "forecast exceeds budget" is checked (default true).</summary>
    public bool ForecastExceeds { get; set; } = true;

    /// <summary>URL every raised warning is POSTed to (JSON), or null for none.</summary>
    [Url]
    public string? WebhookUrl { get; set; }

    /// <summary>Seconds between warning evaluations (default 30); each also follows the estimation runs that wrote new days.</summary>
    [Range(1, 86_400)]
    public int EvaluateSeconds { get; set; } = 30;

    /// <summary>
    /// Target intensities per enterprise or GB/T 4754 industry (T/ZJSEE energy-power monitoring guide §6.3.1.5 e); an
    /// enterprise's own target wins over its industry's, the longest matching industry code over shorter ones.
    /// </summary>
    public IntensityTargetOptions[] IntensityTargets { get; set; } = [];

    /// <summary>Headless Chromium for PDF reports; null: <c>chromium</c>, <c>chromium-browser</c> or <c>google-chrome</c> on PATH.</summary>
    public string? Chromium { get; set; }

    /// <summary>The grade scheme these options give.</summary>
    public GradeScheme Scheme()
    {
        var defaults = new GradeScheme();
        bool custom = GradeUpperBounds is not null || LevelUpperBounds is not null || LevelNames is not null;
        return new GradeScheme
        {
            Name = GradeSchemeName ?? (custom ? "configured bands" : defaults.Name),
            Source = GradeSchemeSource ?? (custom ? "cedge-cloud config, section account" : defaults.Source),
            GradeUpperBounds = GradeUpperBounds ?? defaults.GradeUpperBounds,
            LevelUpperBounds = LevelUpperBounds ?? defaults.LevelUpperBounds,
            LevelNames = LevelNames ?? defaults.LevelNames,
        };
    }

    /// <summary>The target intensities of <paramref name="enterprise"/>, or null when it has none.</summary>
    public IntensityTarget? IntensityTargetOf(EnterpriseInfo enterprise)
    {
        var chosen = IntensityTargets.FirstOrDefault(t => t.Enterprise == enterprise.Id)
            ?? IntensityTargets.Where(t => t.Enterprise is null && t.Industry is { Length: > 0 } i && enterprise.Industry.StartsWith(i, StringComparison.Ordinal))
                .MaxBy(t => t.Industry!.Length);
        return chosen?.Target();
    }

    /// <summary>The warning rules these options give.</summary>
    public WarningRules Rules() => new()
    {
        ThresholdsPercent = WarningThresholdsPercent ?? new WarningRules().ThresholdsPercent,
        ForecastExceeds = ForecastExceeds,
    };

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Scheme().Problem() is { } scheme) yield return new ValidationResult($"account: {scheme}");
        if (Rules().Problem() is { } rules) yield return new ValidationResult($"account: {rules}");
        foreach (var t in IntensityTargets)
            if (t.Problem() is { } target) yield return new ValidationResult($"account.intensityTargets ({t.Enterprise ?? t.Industry}): {target}");
    }
}
