using System.Text.Json.Serialization;

namespace CarbonEdge.Estimation.Account;

/// <summary>How an annual budget is spread over the months (T/ZJSEE energy-power monitoring guide §6.3.2.2 b: the enterprise allocates its own time targets).</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<BudgetAllocation>))]
public enum BudgetAllocation
{
    /// <summary>In proportion to the days of each month (a 31-day month gets 31/365 of the year).</summary>
    Even,
    /// <summary>In proportion to last year's monthly totals of the same quantity.</summary>
    Profile,
    /// <summary>Twelve monthly amounts given by hand; they must add up to the annual budget.</summary>
    Manual,
}
