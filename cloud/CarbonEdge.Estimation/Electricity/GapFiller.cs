namespace CarbonEdge.Estimation.Electricity;

/// <summary>Applies the selected <see cref="GapFillMethod"/> to the unmeasured parts of one meter-day and records each use.</summary>
internal sealed class GapFiller(
    MeterConfig meter, GapFillMethod method, LoadProfile? profile, double meanRatePerTick, List<EstimationEvent> events)
{
    /// <summary>Energy added by filling, register units (before the multiplier).</summary>
    public double Energy { get; private set; }

    /// <summary>True once any part of the day was estimated.</summary>
    public bool Used { get; private set; }

    /// <summary>Fills [from, to) of the day, where no register increment is known.</summary>
    public void FillUnmeasured(long from, long to, string where)
    {
        if (to <= from)
        {
            return;
        }
        var energy = method switch
        {
            GapFillMethod.Linear => meanRatePerTick * (to - from),
            GapFillMethod.SimilarDays => profile!.EnergyBetween(from, to),
            _ => 0,
        };
        Add(energy, EstimationEventKind.GapFilled, to,
            $"{Hours(to - from)} h {where} ({RegisterSeries.At(from):O} to {RegisterSeries.At(to):O}) unmeasured: " +
            $"{energy * meter.Multiplier:G9} kWh by {WireName.Of(method)}");
    }

    /// <summary>
    /// Splits the increment between readings at <paramref name="a"/> and <paramref name="b"/>, which straddle a day
    /// boundary further than the window, and adds the day's share [from, to).
    /// </summary>
    public void SplitBoundary(long a, long b, long from, long to, double increment)
    {
        var linear = (double)(to - from) / (b - a);
        var share = method switch
        {
            GapFillMethod.Linear => linear,
            GapFillMethod.SimilarDays => profile!.Share(a, b, from, to) ?? linear,
            _ => 0,
        };
        Add(increment * share, EstimationEventKind.BoundaryEstimated, from == a ? to : from,
            $"readings at {RegisterSeries.At(a):O} and {RegisterSeries.At(b):O} ({Hours(b - a)} h apart) straddle the day boundary " +
            $"beyond the window: {share:G6} of {increment * meter.Multiplier:G9} kWh counted in the day by {WireName.Of(method)}");
    }

    private void Add(double energy, EstimationEventKind kind, long at, string detail)
    {
        Energy += energy;
        Used = true;
        events.Add(new EstimationEvent(kind, meter.DeviceId, RegisterSeries.At(at), detail));
    }

    private static string Hours(long ticks) => (ticks / (double)TimeSpan.TicksPerHour).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
