namespace CarbonEdge.Estimation.Forecast;

/// <summary>One local day's total of a quantity (kWh or tCO2).</summary>
/// <param name="Day">The local day.</param>
/// <param name="Value">The day's total.</param>
public readonly record struct DailyValue(DateOnly Day, double Value);
