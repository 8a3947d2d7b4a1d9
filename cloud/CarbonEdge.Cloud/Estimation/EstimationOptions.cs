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

    /// <summary>
    /// When a meter has no good reading within the boundary window on one side of a day, how far beyond it to look for
    /// the nearest one, days (default 7): the register increment across the gap is then shared by the gap-fill method,
    /// so an outage of several days loses no energy. Late readings re-run every day between their stored neighbours
    /// this far apart.
    /// </summary>
    [Range(0, 366)]
    public int GapSearchDays { get; set; } = 7;

    /// <summary>Minutes after local midnight at which the previous day is estimated (default 10: late readings of
    /// the last minutes arrive first).</summary>
    [Range(0, 720)]
    public int RunAfterMidnightMinutes { get; set; } = 10;

    /// <summary>InfluxDB queries run at once when reading a day of the whole fleet (default 2; InfluxDB 1.x runs one query on one core).</summary>
    [Range(1, 16)]
    public int QueryConcurrency { get; set; } = 2;

    /// <summary>Quiet seconds after the last late reading before the days it affects are estimated again (default 5).</summary>
    [Range(0, 3600)]
    public int LateDataDelaySeconds { get; set; } = 5;

    /// <summary>Longest late readings wait for a quiet moment, seconds (default 300): a steady trickle still gets its days re-run.</summary>
    [Range(1, 86_400)]
    public int LateDataMaxWaitSeconds { get; set; } = 300;

    /// <summary>
    /// How long the estimation lease lasts unless renewed, seconds (default 30). The instance holding it renews it every
    /// second; when it dies, another instance sharing the registry takes over at most this long after.
    /// </summary>
    [Range(2, 3600)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>The boundary window.</summary>
    public TimeSpan BoundaryWindow => TimeSpan.FromMinutes(BoundaryWindowMinutes);

    /// <summary>The gap search beyond the window.</summary>
    public TimeSpan GapSearch => TimeSpan.FromDays(GapSearchDays);

    /// <summary>Formula 1 options: window and gap fill.</summary>
    public ElectricityOptions Electricity => new() { BoundaryWindow = BoundaryWindow, GapFill = GapFill };

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
