namespace CarbonEdge.Estimation.Models;

/// <summary>One line of an energy-by-kind statistical report.</summary>
/// <param name="EnergyKind">Energy kind as the factor library names it: <c>raw_coal</c>, <c>diesel</c>, <c>gasoline</c>, <c>fuel_oil</c>, <c>natural_gas</c>, <c>electricity</c>, ...</param>
/// <param name="Quantity">Quantity consumed in the month, in <paramref name="Unit"/>.</param>
/// <param name="Unit">Report unit: t, kg, 10^4 m3, m3, MWh, kWh, 10^4 kWh, GJ, MJ.</param>
public sealed record EnergyQuantity(string EnergyKind, double Quantity, string Unit);

/// <summary>An enterprise's energy consumption by kind for one calendar month (the county-level statistical report).</summary>
/// <param name="EnterpriseId">The enterprise.</param>
/// <param name="Month">The month (a <see cref="PeriodKind.Month"/> period).</param>
/// <param name="Lines">One line per energy kind; the <c>electricity</c> line is E_lastMonth of formula 3.</param>
public sealed record MonthlyEnergyReport(string EnterpriseId, Period Month, IReadOnlyList<EnergyQuantity> Lines)
{
    /// <summary>The energy kind of the electricity line.</summary>
    public const string Electricity = "electricity";
}
