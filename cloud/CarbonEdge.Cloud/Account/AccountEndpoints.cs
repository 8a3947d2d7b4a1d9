using System.Security.Claims;
using CarbonEdge.Cloud.Access;
using CarbonEdge.Cloud.Account.Reports;
using CarbonEdge.Cloud.Api;
using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Estimation.Offline;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Account;
using CarbonEdge.Estimation.Forecast;
using CarbonEdge.Estimation.Regions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CarbonEdge.Cloud.Account;

/// <summary>
/// The enterprise carbon account under <c>/api/v1</c>, in a route group of its own (so an access policy attaches in
/// one place): economic inputs, budgets, positions, the carbon-efficiency grade, forecasts, warnings, monthly reports,
/// and the meters' power over the last hours for the dashboard.
/// </summary>
internal static class AccountEndpoints
{
    /// <summary>
    /// Maps the account endpoints under <paramref name="api"/> with their policies: reads scoped to the caller,
    /// an enterprise's own inputs and budgets writable by it, the CSV import and region targets by admins.
    /// </summary>
    public static RouteGroupBuilder MapAccount(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("").RequireScopedRead().WithTags("Account");
        read.MapGet("/enterprises/{id}/economics", GetEconomics);
        read.MapGet("/enterprises/{id}/account", GetAccount);
        read.MapGet("/enterprises/{id}/efficiency", GetEfficiency);
        read.MapGet("/enterprises/{id}/forecast", GetForecast);
        read.MapGet("/warnings", Warnings);
        read.MapGet("/enterprises/{id}/reports/{month}", ReportEndpoint.GetAsync);
        read.MapGet("/sites/{site}/power", PowerHistoryEndpoint.GetAsync);
        var own = api.MapGroup("").RequireEnterpriseWrite().WithTags("Account");
        own.MapPut("/enterprises/{id}/economics", PutEconomics);
        own.MapPut("/enterprises/{id}/budgets/{year}", (string id, int year, BudgetInputDto body, RegistryStore registry, AccountDays days, CancellationToken ct) =>
            PutBudget(WarningSubject.Enterprise, id, year, body, registry, days, ct));
        var admin = api.MapGroup("").RequireAdmin().WithTags("Account");
        admin.MapPost("/economics/csv", PostEconomicsCsv);
        admin.MapPut("/regions/{code}/budgets/{year}", (string code, int year, BudgetInputDto body, RegistryStore registry, AccountDays days, CancellationToken ct) =>
            PutBudget(WarningSubject.Region, code, year, body, registry, days, ct));
        return api;
    }

    /// <summary>
    /// <c>GET /warnings?state=all&amp;subject=ID&amp;region=CODE</c>: the warnings of the enterprises and regions the caller
    /// may see; with <c>region</c>, only those of that GB/T 2260 region and below (its regions, its enterprises).
    /// </summary>
    internal static Results<JsonHttpResult<IReadOnlyList<WarningRecord>>, ValidationProblem> Warnings(string? state, string? subject, string? region,
        ClaimsPrincipal user, RegistryStore registry)
    {
        if (region is not null && !RegionCode.TryParse(region, out _))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["region"] = [$"'{region}' is not a GB/T 2260 code (6 digits)"] });
        var caller = Caller.From(user)!;
        var enterprises = registry.Enterprises().ToDictionary(e => e.Id);
        bool Visible(WarningRecord w) => w.Subject == WireName.Of(WarningSubject.Region)
            ? RegionCode.TryParse(w.SubjectId, out var code) && caller.Role != Roles.Public && caller.CanSeeRegion(code)
            : enterprises.TryGetValue(w.SubjectId, out var e) && caller.CanSee(e);
        bool InArea(WarningRecord w) => region is null || AccountCalculator.InRegion(
            w.Subject == WireName.Of(WarningSubject.Region) ? w.SubjectId : enterprises.GetValueOrDefault(w.SubjectId)?.Region ?? "", region);
        IReadOnlyList<WarningRecord> visible = registry.Warnings(state != "all", subject).Where(w => Visible(w) && InArea(w)).ToList();
        return TypedResults.Json(visible, AccountJsonContext.Default.IReadOnlyListWarningRecord);
    }

    private static EnterpriseInfo? Find(RegistryStore registry, string id) => registry.Enterprises().FirstOrDefault(e => e.Id == id);

    /// <summary><c>GET /enterprises/{id}/economics?from=YYYY-MM&amp;to=YYYY-MM</c> (default the last 12 months).</summary>
    internal static Results<JsonHttpResult<EconomicInputsDto>, ValidationProblem, NotFound<ProblemDetailsDto>> GetEconomics(
        string id, string? from, string? to, RegistryStore registry, EstimationOptions options, TimeProvider time)
    {
        if (Find(registry, id) is null) return TypedResults.NotFound(ProblemDetailsDto.UnknownEnterprise(id));
        var errors = new Dictionary<string, string[]>();
        var (first, last) = PeriodRange.Parse(PeriodKind.Month, from, to, LocalDay.Of(time.GetUtcNow(), options.TimeZone), errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var months = registry.EconomicInputs(first, last, id)
            .Select(i => new EconomicInputDto(i.Month.ToString(), i.ValueAdded, i.Output, i.OutputUnit, i.Source)).ToList();
        return TypedResults.Json(new EconomicInputsDto(id, months), AccountJsonContext.Default.EconomicInputsDto);
    }

    /// <summary><c>PUT /enterprises/{id}/economics</c>: a JSON array of months; all or nothing (400 names each bad entry).</summary>
    internal static Results<JsonHttpResult<EconomicImportDto>, ValidationProblem, NotFound<ProblemDetailsDto>> PutEconomics(
        string id, IReadOnlyList<EconomicInputDto> body, RegistryStore registry, TimeProvider time)
    {
        if (Find(registry, id) is null) return TypedResults.NotFound(ProblemDetailsDto.UnknownEnterprise(id));
        var errors = new Dictionary<string, string[]>();
        var inputs = new List<EconomicInput>();
        for (int i = 0; i < body.Count; i++)
        {
            var m = body[i];
            string? problem = !Period.TryParse(m.Month, out var month) || month.Kind != PeriodKind.Month ? $"month '{m.Month}' is not YYYY-MM"
                : m.ValueAdded10kCny is < 0 or double.NaN ? "valueAdded10kCny must be >= 0"
                : m.Output is < 0 or double.NaN ? "output must be >= 0"
                : m.Output is not null && string.IsNullOrWhiteSpace(m.OutputUnit) ? "outputUnit is required with output"
                : m.ValueAdded10kCny is null && m.Output is null ? "give valueAdded10kCny or output"
                : null;
            if (problem is not null) errors[$"[{i}]"] = [problem];
            else inputs.Add(new EconomicInput(id, month, m.ValueAdded10kCny, m.Output, m.OutputUnit, m.Source ?? "api"));
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        registry.SaveEconomicInputs(inputs, time.GetUtcNow());
        return TypedResults.Json(new EconomicImportDto(inputs.Count, []), AccountJsonContext.Default.EconomicImportDto);
    }

    /// <summary>
    /// <c>POST /economics/csv?file=NAME</c> with a <c>text/csv</c> body (header of <see cref="EconomicCsv"/>): all or
    /// nothing; 400 lists every bad line with file, line and column.
    /// </summary>
    internal static async Task<Results<JsonHttpResult<EconomicImportDto>, ValidationProblem>> PostEconomicsCsv(
        HttpRequest request, string? file, RegistryStore registry, TimeProvider time, CancellationToken cancellationToken)
    {
        string name = Path.GetFileName(string.IsNullOrWhiteSpace(file) ? "upload.csv" : file);
        string temp = Path.Combine(Path.GetTempPath(), $"cedge-economics-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var target = File.Create(temp)) await request.Body.CopyToAsync(target, cancellationToken);
            var issues = new List<CsvIssue>();
            List<EconomicInput> inputs;
            try
            {
                inputs = EconomicCsv.Read(temp, name, issues);
            }
            catch (CsvFileException ex)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [ex.Message.Replace(temp, name, StringComparison.Ordinal)] });
            }
            var known = registry.Enterprises().Select(e => e.Id).ToHashSet();
            var dtoIssues = issues.Select(i => new CsvIssueDto(name, i.Line, i.Column, i.ColumnName, i.Message))
                .Concat(inputs.Where(i => !known.Contains(i.Enterprise)).Select(i => new CsvIssueDto(name, LineOf(i), 1, "enterprise", $"unknown enterprise '{i.Enterprise}'")))
                .ToList();
            if (dtoIssues.Count > 0)
                return TypedResults.ValidationProblem(dtoIssues.GroupBy(i => $"{i.File} line {i.Line}").ToDictionary(g => g.Key,
                    g => g.Select(i => i.Column > 0 ? $"column {i.Column} ({i.ColumnName}): {i.Message}" : i.Message).ToArray()));
            registry.SaveEconomicInputs(inputs, time.GetUtcNow());
            return TypedResults.Json(new EconomicImportDto(inputs.Count, []), AccountJsonContext.Default.EconomicImportDto);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static long LineOf(EconomicInput input) => long.TryParse(input.Source.AsSpan(input.Source.LastIndexOf(' ') + 1), out long line) ? line : 0;

    /// <summary>
    /// <c>PUT /enterprises/{id}/budgets/{year}</c> and <c>PUT /regions/{code}/budgets/{year}</c>: sets an annual budget
    /// (400 for zero or negative, or an allocation that does not fit).
    /// </summary>
    internal static async Task<Results<JsonHttpResult<BudgetStatusDto>, ValidationProblem, NotFound<ProblemDetailsDto>>> PutBudget(
        WarningSubject subject, string id, int year, BudgetInputDto body, RegistryStore registry, AccountDays days, CancellationToken cancellationToken)
    {
        if (subject == WarningSubject.Enterprise && Find(registry, id) is null) return TypedResults.NotFound(ProblemDetailsDto.UnknownEnterprise(id));
        var members = subject == WarningSubject.Enterprise ? [id] : registry.Enterprises().Where(e => AccountCalculator.InRegion(e.Region, id)).Select(e => e.Id).ToList();
        if (members.Count == 0) return TypedResults.NotFound(ProblemDetailsDto.UnknownRegion(id, null));
        if (!Enum.TryParse<BudgetQuantity>(body.Quantity, true, out var quantity))
            return Invalid("quantity", $"'{body.Quantity}' is not tco2 or tce");
        if (!Enum.TryParse<BudgetAllocation>(body.Allocation, true, out var allocation))
            return Invalid("allocation", $"'{body.Allocation}' is not even, profile or manual");
        var monthly = body.Months;
        if (allocation == BudgetAllocation.Profile && monthly is null)
        {
            var last = await days.ReadAsync(members, new DateOnly(year - 1, 1, 1), new DateOnly(year - 1, 12, 31), cancellationToken);
            monthly = [.. Enumerable.Range(1, 12).Select(m => last.Where(d => d.Day.Month == m).Sum(d => quantity == BudgetQuantity.Tco2 ? d.Tco2 : d.Tce))];
        }
        AnnualBudget budget;
        try
        {
            budget = AnnualBudget.Allocate(id, year, quantity, body.Total, allocation, monthly);
        }
        catch (ArgumentException ex)
        {
            return Invalid(ex.ParamName == "monthly" || ex.ParamName == "values" ? "months" : "total", ex.Message.Split(" (Parameter")[0]);
        }
        registry.SaveBudget(subject, budget);
        var status = AccountCalculator.Status(subject, budget, [], new DateOnly(year, 1, 1));
        return TypedResults.Json(BudgetStatusDto.Of(status), AccountJsonContext.Default.BudgetStatusDto);
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary><c>GET /enterprises/{id}/account</c>: month and year to date, budgets with positions, grades of the month, quarter and year, active warnings, the report link.</summary>
    internal static async Task<Results<JsonHttpResult<AccountDto>, NotFound<ProblemDetailsDto>>> GetAccount(
        string id, RegistryStore registry, AccountCalculator calculator, AccountOptions options, EstimationOptions estimation, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (Find(registry, id) is not { } enterprise) return TypedResults.NotFound(ProblemDetailsDto.UnknownEnterprise(id));
        var today = LocalDay.Of(time.GetUtcNow(), estimation.TimeZone);
        var budgets = await calculator.BudgetsAsync(today, cancellationToken, WarningSubject.Enterprise, id);
        var yearDays = await calculator.DaysAsync(WarningSubject.Enterprise, id, new DateOnly(today.AddDays(-1).Year, 1, 1), today.AddDays(-1), cancellationToken);
        var through = yearDays.Count > 0 ? yearDays[^1].Day : today.AddDays(-1);
        var monthDays = yearDays.Where(d => Period.MonthOf(through).Contains(d.Day)).ToList();
        var grades = new List<EfficiencyGradeDto>();
        foreach (var kind in new[] { PeriodKind.Month, PeriodKind.Quarter, PeriodKind.Year })
            grades.Add(EfficiencyGradeDto.Of(id, enterprise.Region, enterprise.Industry,
                await calculator.GradeAsync(enterprise, Period.Of(kind, through), cancellationToken), options.Scheme()));
        string month = Period.MonthOf(through).ToString();
        return TypedResults.Json(new AccountDto(id, estimation.Zone, $"{today:yyyy-MM-dd}", $"{through:yyyy-MM-dd}", monthDays.Sum(d => d.Tco2),
            monthDays.Sum(d => d.Kwh), yearDays.Sum(d => d.Tco2), [.. budgets.Select(BudgetStatusDto.Of)], grades,
            registry.Warnings(activeOnly: true, id), month, $"/api/v1/enterprises/{id}/reports/{month}?format=html"), AccountJsonContext.Default.AccountDto);
    }

    /// <summary>
    /// <c>GET /enterprises/{id}/efficiency?period=YYYY-MM|YYYY-Qn|YYYY</c>: the carbon-efficiency code over the period
    /// (default: the current local month).
    /// </summary>
    internal static async Task<Results<JsonHttpResult<EfficiencyGradeDto>, ValidationProblem, NotFound<ProblemDetailsDto>>> GetEfficiency(
        string id, string? period, RegistryStore registry, AccountCalculator calculator, AccountOptions options, EstimationOptions estimation, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (Find(registry, id) is not { } enterprise) return TypedResults.NotFound(ProblemDetailsDto.UnknownEnterprise(id));
        period ??= LocalDay.Of(time.GetUtcNow(), estimation.TimeZone).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        if (!Period.TryParse(period, out var p) || p.Kind == PeriodKind.Day) return Invalid("period", $"'{period}' is not YYYY-MM, YYYY-Qn or YYYY");
        var grade = await calculator.GradeAsync(enterprise, p, cancellationToken);
        return TypedResults.Json(EfficiencyGradeDto.Of(id, enterprise.Region, enterprise.Industry, grade, options.Scheme()), AccountJsonContext.Default.EfficiencyGradeDto);
    }

    /// <summary><c>GET /enterprises/{id}/forecast</c>: daily and monthly kWh and tCO2 to the month's and the year's end, from the stored days before today.</summary>
    internal static async Task<Results<JsonHttpResult<ForecastDto>, NotFound<ProblemDetailsDto>>> GetForecast(
        string id, RegistryStore registry, AccountCalculator calculator, EstimationOptions estimation, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Find(registry, id) is null) return TypedResults.NotFound(ProblemDetailsDto.UnknownEnterprise(id));
        var today = LocalDay.Of(time.GetUtcNow(), estimation.TimeZone);
        var days = await calculator.DaysAsync(WarningSubject.Enterprise, id, new DateOnly(today.Year, 1, 1).AddDays(-35), today.AddDays(-1), cancellationToken);
        if (days.Count == 0) return TypedResults.Json(new ForecastDto(id, null, null, "no emission results stored yet"), AccountJsonContext.Default.ForecastDto);
        var forecaster = new WeekdayMedianForecaster();
        return TypedResults.Json(new ForecastDto(id,
            QuantityForecastDto.Of(PeriodForecast.Of([.. days.Select(d => new DailyValue(d.Day, d.Kwh))], forecaster)),
            QuantityForecastDto.Of(PeriodForecast.Of([.. days.Select(d => new DailyValue(d.Day, d.Tco2))], forecaster)), null), AccountJsonContext.Default.ForecastDto);
    }
}
