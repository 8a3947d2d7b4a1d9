namespace CarbonEdge.Simulators.Meters;

/// <summary>How one simulated meter replays the load profile.</summary>
/// <param name="Scale">Multiplies the profile's energy and power (1 = the steel plant as recorded).</param>
/// <param name="DayOffset">Profile days to shift by, so that meters of one plant differ.</param>
/// <param name="RegisterBaseKwh">Energy register value at the model epoch (2025-01-01 local standard time), kWh.</param>
/// <param name="RolloverKwh">Largest register value before it wraps to zero (e.g. 999999.99), or null for none.</param>
/// <param name="Zone">IANA time zone whose standard time maps the profile's days and intervals.</param>
internal sealed record MeterSettings(
    double Scale = 1.0,
    int DayOffset = 0,
    double RegisterBaseKwh = 0,
    double? RolloverKwh = null,
    string Zone = "Asia/Shanghai")
{
    /// <summary>Checks ranges; throws <see cref="ArgumentException"/> naming the setting.</summary>
    public void Validate()
    {
        if (!(Scale > 0 && double.IsFinite(Scale))) throw new ArgumentException($"scale must be a positive number, got {Scale}.");
        if (RegisterBaseKwh < 0) throw new ArgumentException($"register base must be >= 0 kWh, got {RegisterBaseKwh}.");
        if (RolloverKwh is <= 0) throw new ArgumentException($"rollover must be > 0 kWh, got {RolloverKwh}.");
        _ = TimeZoneInfo.FindSystemTimeZoneById(Zone);
    }
}
