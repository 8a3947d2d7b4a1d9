using System.Globalization;

namespace CarbonEdge.Estimation.Account;

/// <summary>Value added over a month, quarter or year from monthly <see cref="EconomicInput"/>s.</summary>
public static class ValueAddedSum
{
    /// <summary>
    /// The sum of the months of <paramref name="period"/> (10^4 CNY), or null with the months that lack value added.
    /// A partial sum is never returned: it would understate the denominator and improve the grade.
    /// </summary>
    /// <param name="period">A month, quarter or year.</param>
    /// <param name="inputs">The enterprise's monthly inputs (others are ignored by month only; pass one enterprise's).</param>
    public static (double? ValueAdded, string? Reason) Over(Period period, IEnumerable<EconomicInput> inputs) =>
        Months(period.First, period.Last, inputs);

    /// <summary>
    /// The sum of the months of <paramref name="period"/> up to the month of <paramref name="through"/> (10^4 CNY): the
    /// denominator of an intensity to date. Null with the months that lack value added, as <see cref="Over"/>.
    /// </summary>
    /// <param name="period">A month, quarter or year.</param>
    /// <param name="through">The last day counted (in <paramref name="period"/>).</param>
    /// <param name="inputs">The enterprise's monthly inputs.</param>
    public static (double? ValueAdded, string? Reason) ToDate(Period period, DateOnly through, IEnumerable<EconomicInput> inputs) =>
        Months(period.First, through, inputs);

    private static (double? ValueAdded, string? Reason) Months(DateOnly first, DateOnly last, IEnumerable<EconomicInput> inputs)
    {
        var byMonth = inputs.Where(i => i.ValueAdded is not null).ToDictionary(i => i.Month.First, i => i.ValueAdded!.Value);
        var missing = new List<string>();
        double sum = 0;
        for (var month = new DateOnly(first.Year, first.Month, 1); month <= last; month = month.AddMonths(1))
        {
            if (byMonth.TryGetValue(month, out double v)) sum += v;
            else missing.Add(month.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        }
        return missing.Count == 0 ? (sum, null) : (null, $"value added not reported for {string.Join(", ", missing)}");
    }
}
