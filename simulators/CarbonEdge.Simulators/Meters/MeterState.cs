namespace CarbonEdge.Simulators.Meters;

/// <summary>Everything a three-phase meter shows at one instant, in the units of the telemetry contract.</summary>
/// <param name="EnergyImportKwh">Forward active energy register, kWh (after rollover, if configured).</param>
/// <param name="EnergyExportKwh">Reverse active energy register, kWh (0: the plant does not export).</param>
/// <param name="EnergyReactiveKvarh">Reactive energy register, kvarh.</param>
/// <param name="PowerKw">Total active power, kW.</param>
/// <param name="PowerAKw">Phase A active power, kW.</param>
/// <param name="PowerBKw">Phase B active power, kW.</param>
/// <param name="PowerCKw">Phase C active power, kW (A + B + C = total).</param>
/// <param name="ReactiveKvar">Total reactive power, kvar.</param>
/// <param name="PowerFactor">P / sqrt(P^2 + Q^2); 1 at zero load.</param>
/// <param name="VoltageA">Phase voltage A, V.</param>
/// <param name="VoltageB">Phase voltage B, V.</param>
/// <param name="VoltageC">Phase voltage C, V.</param>
/// <param name="CurrentA">Phase current A, A.</param>
/// <param name="CurrentB">Phase current B, A.</param>
/// <param name="CurrentC">Phase current C, A.</param>
/// <param name="FrequencyHz">Grid frequency, Hz.</param>
internal readonly record struct MeterState(
    double EnergyImportKwh,
    double EnergyExportKwh,
    double EnergyReactiveKvarh,
    double PowerKw,
    double PowerAKw,
    double PowerBKw,
    double PowerCKw,
    double ReactiveKvar,
    double PowerFactor,
    double VoltageA,
    double VoltageB,
    double VoltageC,
    double CurrentA,
    double CurrentB,
    double CurrentC,
    double FrequencyHz);
