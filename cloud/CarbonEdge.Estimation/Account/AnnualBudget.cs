namespace CarbonEdge.Estimation.Account;

/// <summary>
/// An annual budget of an enterprise or a region with its monthly allocation (T/ZJSEE energy-power monitoring guide
/// §6.3.2.2 a–b). Built only through <see cref="Allocate"/>, which rejects a zero or negative budget.
/// </summary>
public sealed record AnnualBudget
{
    private AnnualBudget(string subject, int year, BudgetQuantity quantity, double total, BudgetAllocation allocation, double[] months)
    {
        Subject = subject;
        Year = year;
        Quantity = quantity;
        Total = total;
        Allocation = allocation;
        Months = months;
    }

    /// <summary>Enterprise id, or region code for a regional target.</summary>
    public string Subject { get; }

    /// <summary>Calendar year.</summary>
    public int Year { get; }

    /// <summary>tCO2 or tce.</summary>
    public BudgetQuantity Quantity { get; }

    /// <summary>The annual amount, in tCO2 or tce.</summary>
    public double Total { get; }

    /// <summary>How <see cref="Months"/> was obtained.</summary>
    public BudgetAllocation Allocation { get; }

    /// <summary>Twelve monthly allocations (January first), adding up to <see cref="Total"/>.</summary>
    public IReadOnlyList<double> Months { get; }

    /// <summary>The allocation of <paramref name="period"/>: a month's share, or the sum of the months of a quarter or the year.</summary>
    /// <exception cref="ArgumentException">The period is a day or lies outside <see cref="Year"/>.</exception>
    public double AllocationOf(Period period)
    {
        if (period.Kind == PeriodKind.Day || period.First.Year != Year)
            throw new ArgumentException($"{period} is not a month, quarter or year of {Year}", nameof(period));
        double sum = 0;
        for (int m = period.First.Month; m <= period.Last.Month; m++) sum += Months[m - 1];
        return sum;
    }

    /// <summary>
    /// Spreads <paramref name="total"/> over the months of <paramref name="year"/>.
    /// </summary>
    /// <param name="subject">Enterprise id or region code.</param>
    /// <param name="year">Calendar year.</param>
    /// <param name="quantity">tCO2 or tce.</param>
    /// <param name="total">The annual amount (> 0).</param>
    /// <param name="allocation">Even (by days), by last year's profile, or manual.</param>
    /// <param name="monthly">For <see cref="BudgetAllocation.Profile"/>: last year's twelve monthly totals (not all zero);
    /// for <see cref="BudgetAllocation.Manual"/>: the twelve amounts (each ≥ 0, adding up to <paramref name="total"/>
    /// within 0.01 %); ignored for <see cref="BudgetAllocation.Even"/>.</param>
    /// <exception cref="ArgumentException">The budget is zero, negative or not finite, or <paramref name="monthly"/> does not fit (the message says how).</exception>
    public static AnnualBudget Allocate(string subject, int year, BudgetQuantity quantity, double total, BudgetAllocation allocation,
        IReadOnlyList<double>? monthly = null)
    {
        if (!double.IsFinite(total) || total <= 0)
            throw new ArgumentException($"budget {total} {WireName.Of(quantity)} for {subject} {year} must be > 0", nameof(total));
        if (year is < 1990 or > 9999) throw new ArgumentException($"year {year} must be 1990..9999", nameof(year));
        var months = new double[12];
        switch (allocation)
        {
            case BudgetAllocation.Even:
                int days = DateTime.IsLeapYear(year) ? 366 : 365;
                for (int m = 0; m < 12; m++) months[m] = total * DateTime.DaysInMonth(year, m + 1) / days;
                break;
            case BudgetAllocation.Profile:
                var profile = Twelve(monthly, "last year's profile");
                double sum = profile.Sum();
                if (sum <= 0) throw new ArgumentException("last year's profile is all zero: allocate evenly or by hand", nameof(monthly));
                for (int m = 0; m < 12; m++) months[m] = total * profile[m] / sum;
                break;
            default:
                var manual = Twelve(monthly, "manual allocation");
                double given = manual.Sum();
                if (Math.Abs(given - total) > total * 1e-4)
                    throw new ArgumentException($"manual allocation adds up to {given}, not the budget {total}", nameof(monthly));
                manual.CopyTo(months, 0);
                break;
        }
        return new AnnualBudget(subject, year, quantity, total, allocation, months);
    }

    /// <summary>
    /// A budget as stored: twelve monthly amounts that were allocated by <paramref name="allocation"/> earlier; checked
    /// as a manual allocation is.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Allocate"/> for a manual allocation.</exception>
    public static AnnualBudget Restore(string subject, int year, BudgetQuantity quantity, double total, BudgetAllocation allocation, IReadOnlyList<double> months)
    {
        var checkedBudget = Allocate(subject, year, quantity, total, BudgetAllocation.Manual, months);
        return new AnnualBudget(subject, year, quantity, total, allocation, [.. checkedBudget.Months]);
    }

    private static double[] Twelve(IReadOnlyList<double>? values, string what)
    {
        if (values is not { Count: 12 }) throw new ArgumentException($"{what} needs 12 monthly values (got {values?.Count ?? 0})", nameof(values));
        if (values.Any(v => !double.IsFinite(v) || v < 0)) throw new ArgumentException($"{what}: every monthly value must be >= 0", nameof(values));
        return [.. values];
    }
}
