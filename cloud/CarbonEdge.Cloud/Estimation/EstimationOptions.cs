using System.ComponentModel.DataAnnotations;
using CarbonEdge.Estimation.Electricity;
using CarbonEdge.Estimation.Factors;

namespace CarbonEdge.Cloud.Estimation;

/// <summary>How and when the daily estimate runs (config section <c>estimation</c>).</summary>
internal sealed class EstimationOptions
{
    /// <summary>IANA zone whose local midnight bounds a day (default Asia/Shanghai).</summary>
    [Required]
    public string Zone { get; set; } = "Asia/Shanghai";

    /// <summary>Grid factor calibre: <c>ets_reporting</c> (default, the carbon-market reporting factor) or a statistical one.</summary>
    [Required]
    public string GridCalibre { get; set; } = CarbonEdge.Estimation.Factors.GridCalibre.EtsReporting;

    /// <summary>A factor library JSON file to use instead of the embedded one, or null.</summary>
    public string? FactorsFile { get; set; }

    /// <summary>How far from midnight the nearest good readings may be for a measured boundary, minutes (default 120).</summary>
    [Range(1, 1440)]
    public int BoundaryWindowMinutes { get; set; } = 120;

    /// <summary>Gap filling for unmeasured spans: <c>linear</c> (default) or <c>drop</c>.</summary>
    public GapFillMethod GapFill { get; set; } = GapFillMethod.Linear;

    /// <summary>Minutes after local midnight at which the previous day is estimated (default 10: late readings of
    /// the last minutes arrive first).</summary>
    [Range(0, 720)]
    public int RunAfterMidnightMinutes { get; set; } = 10;

    /// <summary>Quiet seconds after the last late reading of a past day before that day is estimated again (default 5).</summary>
    [Range(0, 3600)]
    public int LateDataDelaySeconds { get; set; } = 5;

    /// <summary>The zone, resolved.</summary>
    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(Zone);

    /// <summary>The factor library: <see cref="FactorsFile"/> or the embedded seed.</summary>
    public FactorLibrary LoadFactors()
    {
        if (FactorsFile is null) return FactorLibrary.LoadEmbedded();
        using var stream = File.OpenRead(FactorsFile);
        return FactorLibrary.Load(stream, FactorsFile);
    }
}
