namespace CarbonEdge.Simulators.Cems;

/// <summary>The state of a simulated stack during one minute (the model's time step).</summary>
/// <param name="Load">Boiler load, fraction of rated (0.3-1).</param>
/// <param name="FuelNm3PerHour">Natural gas (CH4) burnt, Nm3/h.</param>
/// <param name="Co2PercentDry">CO2, %vol dry.</param>
/// <param name="O2PercentDry">O2, %vol dry.</param>
/// <param name="MoisturePercent">Water vapour, %vol (X_sw x 100).</param>
/// <param name="TemperatureC">Flue-gas temperature, degC.</param>
/// <param name="PressureKPa">Static pressure, kPa gauge.</param>
/// <param name="FlowStdDryM3PerHour">Flow at standard conditions (273.15 K, 101.325 kPa), dry, m3/h.</param>
/// <param name="FlowActualM3PerHour">Flow at actual conditions (wet, at t and p), m3/h.</param>
/// <param name="VelocityMPerS">Velocity in the stack's measuring section, m/s.</param>
internal sealed record StackState(double Load, double FuelNm3PerHour, double Co2PercentDry, double O2PercentDry, double MoisturePercent,
    double TemperatureC, double PressureKPa, double FlowStdDryM3PerHour, double FlowActualM3PerHour, double VelocityMPerS)
{
    /// <summary>CO2 mass rate by DESIGN formula 5 from the values the stack reports: C/100 x Q_sn x 1.9768 kg/m3, kg/h.</summary>
    public double Co2KgPerHour => Co2PercentDry / 100 * FlowStdDryM3PerHour * StackModel.Co2DensityKgPerM3;
}

/// <summary>
/// A gas-fired boiler's stack, physically consistent: the load follows a daily profile; the fuel (CH4) burnt follows
/// the load; combustion <c>CH4 + 2 O2 -&gt; CO2 + 2 H2O</c> with an excess-air ratio that rises at low load gives the
/// dry flue gas per Nm3 of fuel, so CO2 and O2 move in opposite directions; the moisture is the combustion water;
/// temperature and draught rise with load; actual flow and velocity follow from the standard dry flow by the
/// inverse of DESIGN formula 5's conversion. The state is constant within each minute.
/// </summary>
internal sealed class StackModel(double ratedFuelNm3PerHour = 4000, double sectionAreaM2 = 3.0)
{
    /// <summary>CO2 density at standard conditions of DESIGN formula 5, kg/m3.</summary>
    public const double Co2DensityKgPerM3 = 1.9768;

    /// <summary>The state of the minute starting at <paramref name="minuteStart"/> (station local time).</summary>
    public StackState At(DateTime minuteStart)
    {
        double hour = minuteStart.TimeOfDay.TotalHours;
        double load = Math.Clamp(0.68 + 0.22 * Math.Sin(2 * Math.PI * (hour - 9) / 24) + 0.06 * Math.Sin(2 * Math.PI * hour / 2.5), 0.3, 1.0);
        double fuel = ratedFuelNm3PerHour * load;
        double excessAir = 1.12 + 0.30 * (1 - load);                                   // lambda
        double o2 = 2 * (excessAir - 1), n2 = 2 * excessAir * 79.0 / 21.0, co2 = 1, water = 2; // mol per mol CH4
        double dry = co2 + o2 + n2;
        double stdDry = fuel * dry;                                                     // m3/h: molar ratio = volume ratio at standard conditions
        double moisture = water / (dry + water);
        double temperature = 95 + 45 * load;
        double pressure = -0.35 + 0.6 * load;
        double actual = stdDry / (273.15 / (273.15 + temperature) * (101.325 + pressure) / 101.325 * (1 - moisture));
        return new StackState(load, fuel, 100 * co2 / dry, 100 * o2 / dry, 100 * moisture, temperature, pressure, stdDry, actual, actual / 3600 / sectionAreaM2);
    }
}
