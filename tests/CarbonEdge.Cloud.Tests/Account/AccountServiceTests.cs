using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CarbonEdge.Cloud.Access;
using CarbonEdge.Cloud.Account;
using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Tests.Service;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Models;
using CarbonEdge.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CarbonEdge.Cloud.Tests.Account;

/// <summary>
/// The account in the running service: stored daily results of ent-1 (1 tCO2 a day for the 40 days before today),
/// a budget at 90 % of the month, the warnings it raises sent to a webhook receiver once each, the grade from value
/// added, the monthly report in html, csv and pdf, and bad input answered.
/// </summary>
public sealed class AccountServiceTests(CloudServiceFixture cloud) : IClassFixture<CloudServiceFixture>
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _written;

    private DateOnly Today => LocalDay.Of(DateTimeOffset.UtcNow, cloud.Services.GetRequiredService<EstimationOptions>().TimeZone);

    /// <summary>The last measured day (yesterday) and the days of its month measured so far.</summary>
    private (DateOnly Through, int DaysInMonth) Month => (Today.AddDays(-1), Today.AddDays(-1).Day);

    private async Task WriteDaysAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_written) return;
            await WriteDaysOfAsync(new EnterpriseInfo("ent-1", "320583", "3130"));
            _written = true;
        }
        finally
        {
            Once.Release();
        }
    }

    /// <summary>1 tCO2 a day for the 40 days before today.</summary>
    private async Task WriteDaysOfAsync(EnterpriseInfo enterprise)
    {
        var zone = cloud.Services.GetRequiredService<EstimationOptions>().TimeZone;
        var points = Enumerable.Range(1, 40).Select(i => CarbonDailyPoints.From(new EnterpriseDay(enterprise, Today.AddDays(-i), EstimationModel.Grid, "2",
            1000 / 0.5703, 1.0, 1.0, false, null, ["grid.ets_reporting.CN.2022@v1"], []), zone)).ToList();
        Assert.Empty((await cloud.Services.GetRequiredService<InfluxWriter>().WriteAsync(points, default)).Rejected);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PutAsync(string path, string json)
    {
        using var response = await cloud.Http.PutAsync(cloud.BaseUrl + path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    /// <summary>The month of `through` gets n / 0.9 tCO2, every other month 1000: n tCO2 used is 90 % of the month.</summary>
    private async Task SetBudgetAt90PercentAsync()
    {
        await WriteDaysAsync();
        var (through, n) = Month;
        var months = Enumerable.Repeat(1000.0, 12).ToArray();
        months[through.Month - 1] = n / 0.9;
        string body = JsonSerializer.Serialize(new { quantity = "tco2", total = months.Sum(), allocation = "manual", months });
        var (status, budget) = await PutAsync($"/api/v1/enterprises/ent-1/budgets/{through.Year}", body);
        Assert.True(status == HttpStatusCode.OK, budget.ToString());
    }

    [Fact]
    public async Task A_budget_at_90_percent_raises_the_80_percent_warning_and_the_webhook_gets_one_call_per_warning()
    {
        await SetBudgetAt90PercentAsync();
        var (through, n) = Month;
        await using var receiver = await WebhookReceiver.StartAsync();
        cloud.Services.GetRequiredService<AccountOptions>().WebhookUrl = receiver.Url;
        var evaluator = cloud.Services.GetRequiredService<WarningEvaluator>();
        var webhook = cloud.Services.GetRequiredService<WarningWebhook>();
        await evaluator.EvaluateAsync(default);
        await webhook.DeliverAsync(default);

        // by hand: used n of n / 0.9 = 90 %: used_80 holds, used_100 does not; the month's forecast is
        // n + (days left) x 1 (every weekday's median is 1), above n / 0.9 when days in month > n / 0.9
        int daysInMonth = DateTime.DaysInMonth(through.Year, through.Month);
        var expected = new List<string> { $"enterprise:ent-1:tco2:{through:yyyy-MM}:used_80" };
        if (daysInMonth > n / 0.9) expected.Add($"enterprise:ent-1:tco2:{through:yyyy-MM}:forecast_exceeds");
        using var account = await cloud.GetJsonAsync("/api/v1/enterprises/ent-1/account");
        var position = account.RootElement.GetProperty("budgets")[0].GetProperty("month");
        Assert.Equal(90, position.GetProperty("usedPercent").GetDouble(), 6);
        Assert.Equal(n, account.RootElement.GetProperty("monthTco2").GetDouble(), 9);
        Assert.Equal($"{through:yyyy-MM-dd}", account.RootElement.GetProperty("through").GetString());

        // the forecast: every weekday's median of the last 4 weeks is 1 tCO2, so the month ends at one a day
        using var forecast = await cloud.GetJsonAsync("/api/v1/enterprises/ent-1/forecast");
        var tco2 = forecast.RootElement.GetProperty("tco2");
        Assert.Equal("weekday_median_4w", tco2.GetProperty("method").GetString());
        Assert.Equal(daysInMonth, tco2.GetProperty("monthEnd").GetDouble(), 9);
        Assert.Equal(daysInMonth - n, tco2.GetProperty("days").EnumerateArray().Count(d => d.GetProperty("day").GetString()!.StartsWith($"{through:yyyy-MM}", StringComparison.Ordinal)));
        var active = account.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("id").GetString()).Order().ToList();
        Assert.Equal(expected.Order(), active);

        // the evaluation and delivery run again (as the service does every round): nothing new is sent
        await evaluator.EvaluateAsync(default);
        await webhook.DeliverAsync(default);
        await webhook.DeliverAsync(default);
        // one call per warning raised (other tests of this class may have raised region warnings: they count too)
        var ids = receiver.Calls.Select(c => c.RootElement.GetProperty("id").GetString()).ToList();
        using var all = await cloud.GetJsonAsync("/api/v1/warnings?state=all");
        Assert.Equal(all.RootElement.EnumerateArray().Select(w => w.GetProperty("id").GetString()).Order(), ids.Order());
        Assert.Subset(ids.ToHashSet(), expected.ToHashSet<string?>());
        Assert.All(receiver.Calls, c => Assert.Equal("active", c.RootElement.GetProperty("state").GetString()));
    }

    private async Task SetValueAddedAsync()
    {
        await WriteDaysAsync();
        var (status, _) = await PutAsync("/api/v1/enterprises/ent-1/economics", $$"""[{ "month": "{{Month.Through:yyyy-MM}}", "valueAdded10kCny": 10, "output": 5, "outputUnit": "t" }]""");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task The_grade_follows_value_added_and_is_not_available_without_it()
    {
        await SetValueAddedAsync();
        var (through, n) = Month;
        string month = $"{through:yyyy-MM}";
        using var grade = await cloud.GetJsonAsync($"/api/v1/enterprises/ent-1/efficiency?period={month}");
        var g = grade.RootElement;
        // n tCO2 / 10 (10^4 CNY); the only enterprise of 3130 in 320583 is its own industry: K = 1, grade 3
        Assert.Equal(n / 10.0, g.GetProperty("values").GetProperty("tco2Per10kCny").GetDouble(), 6);
        Assert.Equal(1.0, g.GetProperty("k").GetDouble(), 9);
        Assert.Equal(3, g.GetProperty("grade").GetInt32());
        // tCO2 per tce: 1 tCO2 / (1753.46 kWh x 0.1229 kgce/kWh) a day
        Assert.Equal(1.0 / (1000 / 0.5703 * 0.1229 / 1000), g.GetProperty("values").GetProperty("tco2PerTce").GetDouble(), 6);

        using var year = await cloud.GetJsonAsync($"/api/v1/enterprises/ent-1/efficiency?period={through.Year}");
        Assert.False(year.RootElement.GetProperty("available").GetBoolean());
        Assert.Contains("value added not reported", year.RootElement.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, year.RootElement.GetProperty("grade").ValueKind);
    }

    [Fact]
    public async Task Bad_budgets_and_economic_csv_lines_are_named()
    {
        var (status, problem) = await PutAsync("/api/v1/enterprises/ent-1/budgets/2026", """{ "quantity": "tco2", "total": 0, "allocation": "even" }""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("must be > 0", problem.GetProperty("errors").GetProperty("total")[0].GetString());
        (status, _) = await PutAsync("/api/v1/enterprises/ent-1/budgets/2026", """{ "quantity": "tco2", "total": -5, "allocation": "even" }""");
        Assert.Equal(HttpStatusCode.BadRequest, status);

        const string csv = "enterprise,month,value_added_10k_cny,output,output_unit\nent-1,2026-01,100,,\nent-1,2026-13,100,,\nent-1,2026-02,abc,,\n";
        using var response = await cloud.Http.PostAsync(cloud.BaseUrl + "/api/v1/economics/csv?file=economics.csv", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains("column 2 (month)", errors.GetProperty("economics.csv line 3")[0].GetString());
        Assert.Contains("column 3 (value_added_10k_cny)", errors.GetProperty("economics.csv line 4")[0].GetString());

        using var good = await cloud.Http.PostAsync(cloud.BaseUrl + "/api/v1/economics/csv?file=ok.csv",
            new StringContent("enterprise,month,value_added_10k_cny,output,output_unit\nent-1,2025-01,100,20,t\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        using var stored = await cloud.GetJsonAsync("/api/v1/enterprises/ent-1/economics?from=2025-01&to=2025-01");
        Assert.Equal("ok.csv line 2", stored.RootElement.GetProperty("months")[0].GetProperty("source").GetString());
    }

    [Fact]
    public async Task The_monthly_report_comes_as_html_csv_and_pdf_and_a_month_without_data_says_so()
    {
        await WriteDaysAsync();
        var (through, n) = Month;
        string path = $"/api/v1/enterprises/ent-1/reports/{through:yyyy-MM}";
        string html = await cloud.Http.GetStringAsync(cloud.BaseUrl + path + "?format=html");
        Assert.Contains("Monthly emissions report", html);
        Assert.Contains("grid.ets_reporting.CN.2022@v1", html);
        Assert.Contains("Formulas", html);

        // the meter's clock, 200 s fast at 01:00 yesterday, was set by 02:00 (clock.drift 0.4 s): one clock correction
        var zone = cloud.Services.GetRequiredService<EstimationOptions>().TimeZone;
        var start = LocalDay.UtcBounds(through, zone).Start;
        LinePoint Drift(double seconds, int hour) => new("reading", [new("site", "plant-01"), new("gateway", "gw-1"), new("device", "m-1"), new("point", "clock.drift")],
            [new("value", seconds), new("quality", "good")], start.AddHours(hour).ToUnixTimeMilliseconds());
        Assert.Empty((await cloud.Services.GetRequiredService<InfluxWriter>().WriteAsync([Drift(200, 1), Drift(0.4, 2)], default)).Rejected);

        string csv = await cloud.Http.GetStringAsync(cloud.BaseUrl + path + "?format=csv");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var clock = Assert.Single(lines, l => l.Contains(",clock_corrected,", StringComparison.Ordinal));
        Assert.StartsWith($"event,{through:yyyy-MM-dd},", clock);
        Assert.Contains("m-1: clock set between", clock);
        Assert.Contains("drift 200 s -> 0.4 s", clock);
        Assert.Equal("record,day,method,scope,kwh,tco2,completeness,estimated,name,value,unit,detail", lines[0]);
        Assert.Equal(n, lines.Count(l => l.StartsWith("daily,", StringComparison.Ordinal)));
        var monthly = lines.Single(l => l.StartsWith("monthly,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(n, double.Parse(monthly[5], CultureInfo.InvariantCulture), 9);

        using var request = new HttpRequestMessage(HttpMethod.Get, cloud.BaseUrl + path);
        request.Headers.Accept.ParseAdd("application/pdf");
        using var pdf = await cloud.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("%PDF", Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]));

        string empty = await cloud.Http.GetStringAsync(cloud.BaseUrl + "/api/v1/enterprises/ent-1/reports/2020-01?format=csv");
        Assert.Contains("no_data,", empty);
        Assert.DoesNotContain("daily,", empty);
    }

    [Fact]
    public async Task The_dashboard_shows_the_plant_manager_the_budget_the_grade_the_warning_and_the_report_link_in_headless_chromium()
    {
        await SetBudgetAt90PercentAsync();
        await SetValueAddedAsync();
        await cloud.Services.GetRequiredService<WarningEvaluator>().EvaluateAsync(default);
        var (through, _) = Month;

        // the plant manager signs in (enterprise role: TOTP optional, none here), as on the demo
        const string password = "plant-manager-pw";
        Assert.True(AccessScope.TryParse(Roles.Enterprise, "enterprise:ent-1", out var scope, out var error), error);
        string user = $"manager-{Guid.NewGuid():N}"[..16];
        cloud.Services.GetRequiredService<AccessStore>().AddUser(user, Roles.Enterprise, scope, password, withTotp: false);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Tools.Resolve("chromium"),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(cloud.BaseUrl + "/");
        await page.FillAsync("#sign-in-name", user);
        await page.FillAsync("#sign-in-password", password);
        await page.ClickAsync("#sign-in-submit");
        await Assertions.Expect(page.Locator("#report-link")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#grade-value")).ToHaveTextAsync("3");
        string html = await page.ContentAsync();
        Assert.Contains($"data-period=\"{through:yyyy-MM}\"", html);
        Assert.Contains("<span class=\"used-percent\">90.0 %</span>", html);
        Assert.Contains("<span id=\"grade-value\">3</span>", html);
        Assert.Contains($"data-warning=\"enterprise:ent-1:tco2:{through:yyyy-MM}:used_80\"", html);
        Assert.Contains($"id=\"report-link\" href=\"/api/v1/enterprises/ent-1/reports/{through:yyyy-MM}?format=html\"", html);
        Assert.Contains("id=\"power-chart\"", html);
    }

    [Fact]
    public async Task A_region_target_raises_its_own_warnings()
    {
        await WriteDaysAsync();
        var (through, n) = Month;
        // the city 320500 holds ent-1 (county 320583): its month allocation n is used at 100 %
        var months = Enumerable.Repeat(1000.0, 12).ToArray();
        months[through.Month - 1] = n;
        string body = JsonSerializer.Serialize(new { quantity = "tco2", total = months.Sum(), allocation = "manual", months });
        var (status, budget) = await PutAsync($"/api/v1/regions/320500/budgets/{through.Year}", body);
        Assert.True(status == HttpStatusCode.OK, budget.ToString());
        Assert.Equal("region", budget.GetProperty("subject").GetString());
        (status, _) = await PutAsync($"/api/v1/regions/110000/budgets/{through.Year}", body);
        Assert.Equal(HttpStatusCode.NotFound, status);

        await cloud.Services.GetRequiredService<WarningEvaluator>().EvaluateAsync(default);
        using var warnings = await cloud.GetJsonAsync("/api/v1/warnings?subject=320500");
        var ids = warnings.RootElement.EnumerateArray().Select(w => w.GetProperty("id").GetString()).ToList();
        Assert.Contains($"region:320500:tco2:{through:yyyy-MM}:used_80", ids);
        Assert.Contains($"region:320500:tco2:{through:yyyy-MM}:used_100", ids);
    }

    [Fact]
    public async Task An_enterprise_above_its_target_intensity_gets_one_intensity_warning()
    {
        // a second enterprise in another region and industry, so ent-1's grade and warnings stay as they are
        var (status, body) = await PutAsync("/api/v1/enterprises/ent-int", """{"name":"Intensity Works","region":"110101","industry":"2511"}""");
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        await WriteDaysOfAsync(new EnterpriseInfo("ent-int", "110101", "2511"));
        var (through, n) = Month;
        // value added 2n: n tCO2 / 2n = 0.5 tCO2 per 10^4 CNY, above the industry target 0.4
        (status, body) = await PutAsync("/api/v1/enterprises/ent-int/economics", $$"""[{ "month": "{{through:yyyy-MM}}", "valueAdded10kCny": {{2 * n}} }]""");
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        cloud.Services.GetRequiredService<AccountOptions>().IntensityTargets = [new IntensityTargetOptions { Industry = "25", Tco2PerValueAdded = 0.4 }];
        var evaluator = cloud.Services.GetRequiredService<WarningEvaluator>();
        await evaluator.EvaluateAsync(default);
        await evaluator.EvaluateAsync(default);

        // the month is checked; the year only in January (the other months of the year have no value added: not checked)
        var expected = new List<string> { $"enterprise:ent-int:tco2:{through:yyyy-MM}:intensity_above_target" };
        if (through.Month == 1) expected.Add($"enterprise:ent-int:tco2:{through:yyyy}:intensity_above_target");
        using var warnings = await cloud.GetJsonAsync("/api/v1/warnings?subject=ent-int&state=all");
        var all = warnings.RootElement.EnumerateArray().ToList();
        Assert.Equal(expected.Order(), all.Select(w => w.GetProperty("id").GetString()).Order());
        var month = all.Single(w => w.GetProperty("id").GetString() == expected[0]);
        Assert.Equal("active", month.GetProperty("state").GetString());
        Assert.Equal(0.5, month.GetProperty("value").GetDouble(), 9);
        Assert.Equal(0.4, month.GetProperty("limit").GetDouble(), 9);
    }
}
