namespace CarbonEdge.Estimation.Account;

/// <summary>
/// An enterprise's economic figures for one month: what the carbon-efficiency code divides emissions by
/// (T/CEPPC 14-2023 §6.2.1: "企业经营产值"; T/ZJSEE energy-power monitoring guide §6.4.2.3 b, 单位增加值).
/// </summary>
/// <param name="Enterprise">Enterprise id.</param>
/// <param name="Month">The calendar month (a <see cref="PeriodKind.Month"/> period).</param>
/// <param name="ValueAdded">Value added in 10^4 CNY (万元), income method; null when not reported.</param>
/// <param name="Output">Physical output in <paramref name="OutputUnit"/>, or null.</param>
/// <param name="OutputUnit">Unit of <paramref name="Output"/> (e.g. <c>t</c>), or null.</param>
/// <param name="Source">Where the figures come from (an uploaded file and line, an API client, a statistics return).</param>
public sealed record EconomicInput(string Enterprise, Period Month, double? ValueAdded, double? Output, string? OutputUnit, string Source);
