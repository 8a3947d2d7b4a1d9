namespace CarbonEdge.Estimation.Cems;

/// <summary>One reading of one CEMS point (telemetry points <c>cems.*</c>).</summary>
/// <param name="Timestamp">Acquisition time.</param>
/// <param name="Point"><c>cems.co2</c>, <c>cems.flow</c>, <c>cems.temperature</c>, <c>cems.pressure</c> or <c>cems.humidity</c> (others are ignored).</param>
/// <param name="Value">Value in the point's unit (%vol dry, m3/h actual, degC, kPa gauge, %vol).</param>
/// <param name="Quality">Only good readings are used.</param>
public readonly record struct CemsPointReading(DateTimeOffset Timestamp, string Point, double Value, Electricity.ReadingQuality Quality);

/// <summary>A complete stack-gas sample: the five CEMS points at one time.</summary>
/// <param name="Timestamp">Acquisition time.</param>
/// <param name="Co2PercentDry">CO2 concentration, %vol on a dry basis (C_CO2).</param>
/// <param name="FlowM3PerHour">Stack gas flow at actual conditions, m3/h (Q).</param>
/// <param name="TemperatureC">Flue gas temperature, degC (t).</param>
/// <param name="PressureKpaGauge">Flue gas static pressure, kPa gauge (p).</param>
/// <param name="MoisturePercent">Flue gas moisture, %vol (X_sw x 100).</param>
/// <param name="MeasuredDryStandardFlowM3PerHour">Dry standard flow as the CEMS reported it (<c>cems.flow.std_dry</c>, m3/h), used as Q_sn instead of converting the actual flow; null when not reported.</param>
public readonly record struct CemsSample(
    DateTimeOffset Timestamp, double Co2PercentDry, double FlowM3PerHour, double TemperatureC, double PressureKpaGauge, double MoisturePercent,
    double? MeasuredDryStandardFlowM3PerHour = null)
{
    /// <summary>CO2 density at standard conditions (273.15 K, 101.325 kPa), kg/m3 (DESIGN.md formula 5).</summary>
    public const double Co2DensityKgPerM3 = 1.9768;

    /// <summary>
    /// Dry flow at standard conditions, m3/h: the measured one when reported, else
    /// <c>Q_sn = Q x 273.15/(273.15 + t) x (101.325 + p)/101.325 x (1 - X_sw)</c>.
    /// </summary>
    public double DryStandardFlowM3PerHour => MeasuredDryStandardFlowM3PerHour ??
        FlowM3PerHour * 273.15 / (273.15 + TemperatureC) * (101.325 + PressureKpaGauge) / 101.325 * (1 - MoisturePercent / 100);

    /// <summary>CO2 mass flow, kg/h: <c>C_CO2/100 x Q_sn x 1.9768 kg/m3</c>.</summary>
    public double Co2KgPerHour => Co2PercentDry / 100 * DryStandardFlowM3PerHour * Co2DensityKgPerM3;

    /// <summary>Why the values cannot be physical, or null when they can.</summary>
    public string? Implausibility() =>
        !(Co2PercentDry is >= 0 and <= 100) ? $"CO2 {Co2PercentDry} %vol outside 0..100"
        : MeasuredDryStandardFlowM3PerHour is { } measured ? (measured >= 0 && double.IsFinite(measured) ? null : $"dry standard flow {measured} m3/h negative")
        : !(FlowM3PerHour >= 0) || !double.IsFinite(FlowM3PerHour) ? $"flow {FlowM3PerHour} m3/h negative"
        : !(TemperatureC > -273.15) || !double.IsFinite(TemperatureC) ? $"temperature {TemperatureC} degC below absolute zero"
        : !(PressureKpaGauge > -101.325) || !double.IsFinite(PressureKpaGauge) ? $"gauge pressure {PressureKpaGauge} kPa below vacuum"
        : !(MoisturePercent is >= 0 and < 100) ? $"moisture {MoisturePercent} %vol outside 0..100"
        : null;
}
