using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Account;
using CarbonEdge.Estimation.Forecast;

namespace CarbonEdge.Cloud.Account;

/// <summary>A month's economic figures as the API takes and gives them.</summary>
/// <param name="Month"><c>YYYY-MM</c>.</param>
/// <param name="ValueAdded10kCny">Value added, 10^4 CNY (万元), or null.</param>
/// <param name="Output">Physical output, or null.</param>
/// <param name="OutputUnit">Unit of output (required with output).</param>
/// <param name="Source">Where the figures come from (default: the API client).</param>
internal sealed record EconomicInputDto(string Month, double? ValueAdded10kCny, double? Output, string? OutputUnit, string? Source);

/// <summary>An enterprise's economic inputs.</summary>
internal sealed record EconomicInputsDto(string Enterprise, IReadOnlyList<EconomicInputDto> Months);

/// <summary>A budget as the API takes it.</summary>
/// <param name="Quantity"><c>tco2</c> or <c>tce</c>.</param>
/// <param name="Total">The annual amount (> 0).</param>
/// <param name="Allocation"><c>even</c>, <c>profile</c> (last year's stored monthly totals) or <c>manual</c>.</param>
/// <param name="Months">Twelve amounts for <c>manual</c>; for <c>profile</c>, last year's monthly totals when given (else read from the stored results).</param>
internal sealed record BudgetInputDto(string Quantity, double Total, string Allocation, double[]? Months);

/// <summary>A position for a month or the year.</summary>
internal sealed record PositionDto(string Period, string Through, double Allocation, double AllocationToDate, double Used, double UsedPercent,
    double Forecast, double ForecastPercent)
{
    public static PositionDto Of(BudgetPosition p) => new(p.Period.ToString(), $"{p.Through:yyyy-MM-dd}", p.Allocation, p.AllocationToDate,
        p.Used, p.UsedPercent, p.Forecast, p.ForecastPercent);
}

/// <summary>A budget with its allocation and positions.</summary>
internal sealed record BudgetStatusDto(string Subject, string SubjectId, int Year, string Quantity, double Total, string Allocation,
    IReadOnlyList<double> Months, PositionDto Month, PositionDto YearToDate, string ForecastMethod)
{
    public static BudgetStatusDto Of(BudgetStatus s) => new(WireName.Of(s.Subject), s.Budget.Subject, s.Budget.Year, WireName.Of(s.Budget.Quantity),
        s.Budget.Total, WireName.Of(s.Budget.Allocation), s.Budget.Months, PositionDto.Of(s.Month), PositionDto.Of(s.Year), s.Forecast.Method);
}

/// <summary>Carbon-efficiency values of an enterprise or its industry.</summary>
internal sealed record EfficiencyValuesDto(double Tco2, double Tce, double? ValueAdded10kCny, double? Tco2Per10kCny, double? TcePer10kCny,
    double? Tco2PerTce, string? Reason)
{
    public static EfficiencyValuesDto Of(EfficiencyValues v) => new(v.Tco2, v.Tce, v.ValueAdded, v.Tco2PerValueAdded, v.TcePerValueAdded, v.Tco2PerTce, v.Reason);
}

/// <summary>The carbon-efficiency code of an enterprise over a period.</summary>
internal sealed record EfficiencyGradeDto(string Enterprise, string Region, string Industry, string Period, EfficiencyValuesDto Values,
    EfficiencyValuesDto IndustryAverage, int IndustryEnterprises, double? K, int? Grade, string? Level, bool Available, string? Reason,
    string Scheme, string SchemeSource, IReadOnlyList<double> GradeUpperBounds)
{
    public static EfficiencyGradeDto Of(string enterprise, string region, string industry, EfficiencyGrade g, GradeScheme scheme) => new(
        enterprise, region, industry, g.Period.ToString(), EfficiencyValuesDto.Of(g.Enterprise), EfficiencyValuesDto.Of(g.Industry), g.IndustryEnterprises,
        g.K, g.Grade, g.Level, g.Grade is not null, g.Reason, scheme.Name, scheme.Source, scheme.GradeUpperBounds);
}

/// <summary>A forecast of one quantity.</summary>
internal sealed record QuantityForecastDto(string Through, string Method, double MonthEnd, double YearEnd, IReadOnlyList<double> Months,
    IReadOnlyList<DailyForecastDto> Days)
{
    public static QuantityForecastDto Of(PeriodForecast f) => new($"{f.Through:yyyy-MM-dd}", f.Method, f.MonthEnd, f.YearEnd, f.Months,
        [.. f.Days.Select(d => new DailyForecastDto($"{d.Day:yyyy-MM-dd}", d.Value))]);
}

/// <summary>One forecast day.</summary>
internal sealed record DailyForecastDto(string Day, double Value);

/// <summary>An enterprise's daily and monthly forecast of kWh and tCO2 to the month's and the year's end.</summary>
internal sealed record ForecastDto(string Enterprise, QuantityForecastDto? Kwh, QuantityForecastDto? Tco2, string? Reason);

/// <summary>The account at a glance: month and year to date, budgets, grades, active warnings, the report of the month.</summary>
/// <param name="Enterprise">Enterprise id.</param>
/// <param name="Zone">IANA zone of the local days.</param>
/// <param name="Today">Today, local.</param>
/// <param name="Through">The last day with stored results (the month and year to date end there).</param>
/// <param name="MonthTco2">tCO2 from the first of the month of <paramref name="Through"/> through it.</param>
/// <param name="MonthKwh">kWh over the same days.</param>
/// <param name="YearTco2">tCO2 from 1 January through <paramref name="Through"/>.</param>
/// <param name="Budgets">The year's budgets with their positions.</param>
/// <param name="Grades">The carbon-efficiency code of the month, quarter and year of <paramref name="Through"/>.</param>
/// <param name="Warnings">The active warnings.</param>
/// <param name="ReportMonth">The month of <paramref name="Through"/>.</param>
/// <param name="ReportUrl">Its report (HTML).</param>
internal sealed record AccountDto(string Enterprise, string Zone, string Today, string Through, double MonthTco2, double MonthKwh, double YearTco2,
    IReadOnlyList<BudgetStatusDto> Budgets,
    IReadOnlyList<EfficiencyGradeDto> Grades, IReadOnlyList<Registry.WarningRecord> Warnings, string ReportMonth, string ReportUrl);

/// <summary>A bad line of an uploaded CSV.</summary>
internal sealed record CsvIssueDto(string File, long Line, int Column, string ColumnName, string Message);

/// <summary>The answer to a CSV upload.</summary>
internal sealed record EconomicImportDto(int Imported, IReadOnlyList<CsvIssueDto> Issues);
