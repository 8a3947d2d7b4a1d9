namespace CarbonEdge.Estimation.Electricity;

/// <summary>What the estimation needs to know about one electricity meter.</summary>
/// <param name="DeviceId">Device id as in telemetry.</param>
/// <param name="Multiplier">CT ratio x PT ratio: primary kWh per register kWh (1 for a direct-connected meter).</param>
/// <param name="RolloverMax">
/// The largest value the register shows before it wraps to zero, e.g. 999999.99; null when it never wraps. The wrap adds
/// one step of the last decimal shown, so 999999.99 wraps with a modulus of 1000000.00, and 65535 with 65536.
/// </param>
/// <param name="IntervalSeconds">Nominal polling interval in seconds; sets the expected intervals of a day for completeness.</param>
public sealed record MeterConfig(string DeviceId, double Multiplier = 1, double? RolloverMax = null, int IntervalSeconds = 900)
{
    /// <summary>The register modulus: <see cref="RolloverMax"/> plus one step of its last decimal; null when no rollover is configured.</summary>
    public double? RolloverModulus => RolloverMax is { } max
        ? (double)((decimal)max + 1m / Pow10(((decimal)max).Scale))
        : null;

    /// <summary>
    /// True when a fall of the register from <paramref name="from"/> to <paramref name="to"/> is a wrap: the earlier value
    /// lies in the top <paramref name="band"/> of the range and the later one in the bottom band (fraction of the modulus).
    /// </summary>
    public bool IsRollover(double from, double to, double band) =>
        RolloverModulus is { } m && from >= m * (1 - band) && to <= m * band;

    /// <summary>Throws when a field is out of range.</summary>
    /// <exception cref="ArgumentException">Empty id, non-positive or non-finite multiplier or rollover, non-positive interval.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DeviceId)) throw new ArgumentException("meter device id is empty");
        if (!double.IsFinite(Multiplier) || Multiplier <= 0) throw new ArgumentException($"meter {DeviceId}: multiplier {Multiplier} must be positive");
        if (RolloverMax is { } m && (!double.IsFinite(m) || m <= 0)) throw new ArgumentException($"meter {DeviceId}: rollover maximum {m} must be positive");
        if (IntervalSeconds <= 0) throw new ArgumentException($"meter {DeviceId}: interval {IntervalSeconds} s must be positive");
    }

    private static decimal Pow10(int n)
    {
        var p = 1m;
        for (var i = 0; i < n; i++) p *= 10;
        return p;
    }
}
