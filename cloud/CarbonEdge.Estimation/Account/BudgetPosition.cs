namespace CarbonEdge.Estimation.Account;

/// <summary>
/// Where a subject stands against its allocation for a month or the year (T/ZJSEE energy-power monitoring guide
/// §6.3.2.2 c: 预算的实际使用情况): used so far and forecast to the period's end.
/// </summary>
/// <param name="Budget">The annual budget.</param>
/// <param name="Period">The month or the year (of <see cref="AnnualBudget.Year"/>).</param>
/// <param name="Through">Last day counted in <paramref name="Used"/>.</param>
/// <param name="Used">tCO2 or tce from the period's first day through <paramref name="Through"/>.</param>
/// <param name="Forecast">Used plus the forecast of the rest of the period.</param>
public sealed record BudgetPosition(AnnualBudget Budget, Period Period, DateOnly Through, double Used, double Forecast)
{
    /// <summary>The period's allocation.</summary>
    public double Allocation => Budget.AllocationOf(Period);

    /// <summary>Used as a percentage of the allocation.</summary>
    public double UsedPercent => Used / Allocation * 100;

    /// <summary>Forecast as a percentage of the allocation.</summary>
    public double ForecastPercent => Forecast / Allocation * 100;

    /// <summary>The allocation up to <see cref="Through"/>: the months before it whole and its month pro rata by days (the allocation line).</summary>
    public double AllocationToDate
    {
        get
        {
            double sum = 0;
            for (int m = Period.First.Month; m < Through.Month; m++) sum += Budget.Months[m - 1];
            return sum + Budget.Months[Through.Month - 1] * Through.Day / DateTime.DaysInMonth(Through.Year, Through.Month);
        }
    }
}
