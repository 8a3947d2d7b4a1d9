using System.Text.Json.Serialization;

namespace CarbonEdge.Estimation.Account;

/// <summary>What a budget limits (T/ZJSEE energy-power monitoring guide §6.3.2.2 a: 碳排放预算 or 用能预算).</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<BudgetQuantity>))]
public enum BudgetQuantity
{
    /// <summary>Emissions, tCO2.</summary>
    Tco2,
    /// <summary>Energy, tce.</summary>
    Tce,
}
