using System.Globalization;

namespace CarbonEdge.Estimation.Electricity;

/// <summary>One <c>clock.drift</c> reading: meter time − gateway time when it was checked.</summary>
/// <param name="At">UTC time of the check.</param>
/// <param name="DriftSeconds">Drift in s (positive: the meter is fast).</param>
public readonly record struct ClockDrift(DateTimeOffset At, double DriftSeconds);

/// <summary>
/// Finds the clock corrections of a meter in its <c>clock.drift</c> readings (DL/T 645-2007 broadcast time sync, control
/// code 08H; docs/dlt645.md, clock rules). A meter's clock runs away slowly (quartz: well under 1 s a day), so a drift
/// that comes at least <see cref="MinStepSeconds"/> nearer to zero from one check to the next means the clock was set
/// in between.
/// </summary>
public static class ClockCorrections
{
    /// <summary>The smallest fall of |drift| between two checks taken as a correction, s.</summary>
    public const double MinStepSeconds = 1;

    /// <summary>
    /// One <see cref="EstimationEventKind.ClockCorrected"/> event per correction, at the check that saw the corrected
    /// clock, e.g. <c>clock set between 2026-11-03T01:00:00Z and 02:00:00Z: drift 200 s -> 0.4 s</c>.
    /// </summary>
    /// <param name="meter">Device id (the event's subject).</param>
    /// <param name="drifts">The meter's drift readings, in any order.</param>
    public static IReadOnlyList<EstimationEvent> Find(string meter, IEnumerable<ClockDrift> drifts)
    {
        var ordered = drifts.Where(d => double.IsFinite(d.DriftSeconds)).OrderBy(d => d.At).ToList();
        var events = new List<EstimationEvent>();
        for (int i = 1; i < ordered.Count; i++)
        {
            var (before, after) = (ordered[i - 1], ordered[i]);
            if (Math.Abs(before.DriftSeconds) - Math.Abs(after.DriftSeconds) < MinStepSeconds) continue;
            events.Add(new EstimationEvent(EstimationEventKind.ClockCorrected, meter, after.At, string.Create(CultureInfo.InvariantCulture,
                $"clock set between {before.At.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} and {after.At.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}: drift {before.DriftSeconds:0.###} s -> {after.DriftSeconds:0.###} s")));
        }
        return events;
    }
}
