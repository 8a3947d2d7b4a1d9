using System.Text;
using System.Text.Json;
using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Ingestion;
using CarbonEdge.Cloud.Registry;
using EnterpriseInfo = CarbonEdge.Estimation.Models.EnterpriseInfo;
using CarbonEdge.Cloud.Tests.Service;
using CarbonEdge.Estimation.Account;
using CarbonEdge.Estimation.Models;
using CarbonEdge.Protocols.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using CarbonEdge.Cloud.Access;
using Microsoft.Playwright;
using OtpNet;
using CarbonEdge.Testing;

namespace CarbonEdge.Cloud.Tests.Regional;

/// <summary>
/// End to end through the running service on a real influxd: two counties of Suzhou (320583 with the registry's metered
/// ent-1, industry 3130, estimated from its register; 320581 with ent-2, industry 3011, whose daily results are in
/// carbon_daily), January 2026 statistics imported over the API; county, city and province results, their roll-up
/// checks and the Table 1 indicators come back through the API; metered days estimated after the import and a late
/// correction of the statistics are both recomputed.
/// </summary>
public sealed class RegionalApiTests(CloudServiceFixture cloud) : IClassFixture<CloudServiceFixture>
{
    private static readonly DateOnly January1 = new(2026, 1, 1);

    private async Task MeteredAsync()
    {
        // ent-1: m-1 read every 15 min from 31 Dec 23:00 to 1 Feb 01:00 local at 1 kWh/min: 1440 kWh a day
        var start = new DateTimeOffset(2025, 12, 31, 15, 0, 0, TimeSpan.Zero);
        var device = cloud.Services.GetRequiredService<RegistryStore>().FindDevice("plant-01", "m-1");
        var points = Enumerable.Range(0, (31 * 24 + 2) * 4 + 1)
            .Select(q => ReadingPoints.From("plant-01", "gw-01", Reading.Good("m-1", Points.EnergyActiveImport, 10_000 + 15 * q, start.AddMinutes(15 * q)), device)).ToList();
        var writer = cloud.Services.GetRequiredService<InfluxWriter>();
        Assert.Empty((await writer.WriteAsync(points, default)).Rejected);
        // ent-2 (not in the registry): its grid results, 2400 kWh a day
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var ent2 = new EnterpriseInfo("ent-2", "320581", "3011");
        Assert.Empty((await writer.WriteAsync([.. Enumerable.Range(0, 31).Select(d => CarbonDailyPoints.From(
            new EnterpriseDay(ent2, January1.AddDays(d), EstimationModel.Grid, "2", 2400, 2.4 * 0.5703, 1, false, null, ["grid.ets_reporting.CN.2022@v1"], []), zone))], default)).Rejected);
        // then ent-1's days are estimated, which recomputes the region
        await cloud.Services.GetRequiredService<EstimationRun>().RunAsync([.. Enumerable.Range(0, 31).Select(January1.AddDays)], default);
    }

    private async Task<(int Status, JsonElement Body)> PostAsync(string path, string csv)
    {
        using var response = await cloud.Http.PostAsync(cloud.BaseUrl + path, new StringContent(csv, Encoding.UTF8, "text/csv"));
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private async Task<JsonElement> OkAsync(string path)
    {
        var (status, body) = await cloud.GetAsync(path);
        Assert.True(status == 200, $"{path}: {status} {body.RootElement}");
        return body.RootElement;
    }

    private static JsonElement Single(JsonElement answer) => Assert.Single(answer.GetProperty("periods").EnumerateArray());

    [Fact]
    public async Task Counties_city_and_province_checks_and_indicators_come_back_through_the_api()
    {
        // One bad line (unit t for natural gas) is rejected with its line and column; the rest is imported.
        var (status, import) = await PostAsync("/api/v1/regions/statistics", """
            region,period,domain,industry,energy_kind,quantity,unit
            320583,2026-01,industry,3130,raw_coal,620,t
            320581,2026-01,industry,3011,natural_gas,31,10^4 m3
            320581,2026-01,industry,3011,diesel,1,m3
            """);
        Assert.True(status == 200, import.ToString());
        Assert.Equal(3, import.GetProperty("lines").GetInt64());
        var rejected = Assert.Single(import.GetProperty("rejected").EnumerateArray());
        Assert.Equal((4, 7, "unit"), (rejected.GetProperty("line").GetInt32(), rejected.GetProperty("column").GetInt32(), rejected.GetProperty("columnName").GetString()));
        Assert.Equal("320000 2026..2026", Assert.Single(import.GetProperty("recomputed").EnumerateArray()).GetString());
        // No electricity yet: the months are there, the days are missing (not zero)
        Assert.Empty((await OkAsync("/api/v1/regions/320583/domains/industry/emissions/day?from=2026-01-01&to=2026-01-31")).GetProperty("periods").EnumerateArray());

        // The metered enterprises' days arrive after the statistics: the estimation run recomputes the region
        await MeteredAsync();

        // 320583: raw coal 620 t = 620 000 kg x 0.7143 = 442.866 tce x 2.66 = 1178.02356 tCO2; a day 1440/44 640 kWh of it
        var county = Single(await OkAsync("/api/v1/regions/320583/domains/industry/emissions/month?from=2026-01&to=2026-01"));
        Assert.Equal(1178.02356, county.GetProperty("tco2").GetDouble(), 6);
        Assert.Equal(("statistics", true, 44_640.0), (county.GetProperty("method").GetString(), county.GetProperty("consistent").GetBoolean(), county.GetProperty("kwh").GetDouble()));
        var days = (await OkAsync("/api/v1/regions/320583/domains/industry/emissions/day?from=2026-01-01&to=2026-01-31")).GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal(31, days.Count);
        Assert.All(days, d => Assert.Equal(1178.02356 / 31, d.GetProperty("tco2").GetDouble(), 6));
        Assert.Equal(1178.02356, Single(await OkAsync("/api/v1/regions/320583/domains/industry/emissions/month?from=2026-01&to=2026-01&industry=3130")).GetProperty("tco2").GetDouble(), 6);

        // 320581: natural gas 310 000 m3 x 1.2143 = 376.433 tce x 2.66 = 1001.31178 tCO2. City and province: 2179.33534 tCO2
        var city = Single(await OkAsync("/api/v1/regions/320500/domains/industry/emissions/month?from=2026-01&to=2026-01"));
        Assert.Equal(2179.33534, city.GetProperty("tco2").GetDouble(), 6);
        Assert.Equal(("sum_of_regions", true, 1.0), (city.GetProperty("method").GetString(), city.GetProperty("consistent").GetBoolean(), city.GetProperty("completeness").GetDouble()));
        var province = Single(await OkAsync("/api/v1/regions/320000/domains/industry/emissions/month?from=2026-01&to=2026-01"));
        Assert.Equal(2179.33534, province.GetProperty("tco2").GetDouble(), 6);
        Assert.Equal(2179.33534 / 31, (await OkAsync("/api/v1/regions/320000/domains/industry/emissions/day?from=2026-01-07&to=2026-01-07"))
            .GetProperty("periods")[0].GetProperty("tco2").GetDouble(), 6);

        var indicators = await OkAsync("/api/v1/regions/320500/indicators");
        var byName = indicators.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!, i => i);
        Assert.Equal(1.0, byName["consistency_rate"].GetProperty("value").GetDouble());
        Assert.Equal(2.0 / 3, byName["validation_success_rate"].GetProperty("value").GetDouble(), 9);
        Assert.False(byName["validation_success_rate"].GetProperty("met").GetBoolean());
        Assert.True(byName["anomaly_rate"].GetProperty("met").GetBoolean());
        Assert.True(indicators.GetProperty("checks").GetInt32() > 0);
        Assert.Equal(0, indicators.GetProperty("checksFailed").GetInt32());
        Assert.Contains(indicators.GetProperty("missing").EnumerateArray(), m => m.GetString()!.Contains("2026-02: needs statistics", StringComparison.Ordinal));

        var breakdown = await OkAsync("/api/v1/regions/320500/breakdown?period=2026-01");
        Assert.Contains(breakdown.GetProperty("rows").EnumerateArray(), r => r.GetProperty("industry").GetString() == "3011" && Math.Abs(r.GetProperty("tco2").GetDouble() - 1001.31178) < 1e-6);
        var ranking = (await OkAsync("/api/v1/regions/320500/enterprises/ranking?from=2026-01-01&to=2026-01-31")).GetProperty("enterprises").EnumerateArray().ToList();
        Assert.Equal(["ent-2", "ent-1"], ranking.Select(r => r.GetProperty("enterprise").GetString()));
        Assert.Equal(0.5703, ranking[1].GetProperty("intensity").GetDouble(), 9);

        // A late correction of 320583 (930 t = 664.299 tce = 1767.03534 tCO2) is recomputed up to the province.
        Assert.Equal(200, (await PostAsync("/api/v1/regions/statistics", "region,period,domain,industry,energy_kind,quantity,unit\n320583,2026-01,industry,3130,raw_coal,930,t\n")).Status);
        Assert.Equal(1767.03534 + 1001.31178, Single(await OkAsync("/api/v1/regions/320000/domains/industry/emissions/month?from=2026-01&to=2026-01")).GetProperty("tco2").GetDouble(), 6);

        // all-or-nothing: one bad line, nothing imported, 400 with the line named
        var (badStatus, bad) = await PostAsync("/api/v1/regions/statistics?allOrNothing=true", "region,period,domain,industry,energy_kind,quantity,unit\n320583,2026-02,industry,3130,raw_coal,1,t\n320583,2026-13,industry,3130,raw_coal,1,t\n");
        Assert.Equal(400, badStatus);
        Assert.False(bad.GetProperty("imported").GetBoolean());
        Assert.Equal(3, Assert.Single(bad.GetProperty("rejected").EnumerateArray()).GetProperty("line").GetInt32());
        Assert.Empty((await OkAsync("/api/v1/regions/320583/domains/industry/emissions/month?from=2026-02&to=2026-02")).GetProperty("periods").EnumerateArray());

        await RegionViewAsync();
        var ids = (await OkAsync("/api/v1/warnings?region=320500")).EnumerateArray().Select(w => w.GetProperty("id").GetString()).ToList();
        Assert.Contains("region:320583:tco2:2026-01:used_80", ids);
        Assert.Contains("enterprise:ent-1:tco2:2026-01:intensity_above_target", ids);
        Assert.DoesNotContain("region:110000:tco2:2026-01:used_80", ids);
        using var badRegion = await cloud.Http.GetAsync(cloud.BaseUrl + "/api/v1/warnings?region=32");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, badRegion.StatusCode);
    }

    /// <summary>
    /// Warnings of a county below 320500 and of an enterprise in it (ent-1, county 320583), and one of Beijing outside it, recorded as
    /// the evaluator records them; <c>GET /api/v1/warnings?region=320500</c> lists the first two only.
    /// </summary>
    private (string Inside, string Below, string Outside) RaiseRegionWarnings()
    {
        var month = CarbonEdge.Estimation.Period.Of(CarbonEdge.Estimation.PeriodKind.Month, new DateOnly(2026, 1, 1));
        WarningCheck Check(WarningSubject subject, string id, string rule, double value, double limit) =>
            new(new WarningKey(subject, id, BudgetQuantity.Tco2, month, rule), true, value, limit, $"{id} {month}: {rule}");
        var checks = new[]
        {
            Check(WarningSubject.Region, "320583", "used_80", 850, 1000),
            Check(WarningSubject.Enterprise, "ent-1", IntensityRules.Rule, 0.6, 0.5),
            Check(WarningSubject.Region, "110000", "used_80", 900, 1000),
        };
        cloud.Services.GetRequiredService<RegistryStore>().ApplyWarnings(checks.Select(c => (c, WarningTransition.Raised)), DateTimeOffset.UtcNow);
        return (checks[0].Key.Id, checks[1].Key.Id, checks[2].Key.Id);
    }

    /// <summary>The regulator's region view in headless Chromium, in Chinese then English, with a screenshot of each.</summary>
    private async Task RegionViewAsync()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Tools.Resolve("chromium"),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        // a regulator of the city signs in (password and TOTP) on the dashboard, then opens the region view
        const string password = "suzhou-city-regulator";
        Assert.True(AccessScope.TryParse(Roles.Regulator, "region:320500", out var scope, out var error), error);
        string secret = cloud.Services.GetRequiredService<AccessStore>().AddUser("suzhou-city", Roles.Regulator, scope, password, withTotp: true)!;
        await page.GotoAsync(cloud.BaseUrl + "/");
        await page.FillAsync("#sign-in-name", "suzhou-city");
        await page.FillAsync("#sign-in-password", password);
        await page.FillAsync("#sign-in-code", new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow));
        await page.ClickAsync("#sign-in-submit");
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync("suzhou-city");
        var (inside, below, outside) = RaiseRegionWarnings();
        await page.GotoAsync(cloud.BaseUrl + "/region.html?region=320500&period=2026-01");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("区域碳排放核算");
        await Assertions.Expect(page.Locator($"#region-warnings tr[data-warning='{inside}'] td").Nth(2)).ToHaveTextAsync("已用 ≥ 80 %");
        await Assertions.Expect(page.Locator($"#region-warnings tr[data-warning='{below}'] td").Nth(2)).ToHaveTextAsync("强度超过目标");
        Assert.Equal(0, await page.Locator($"#region-warnings tr[data-warning='{outside}']").CountAsync());
        await Assertions.Expect(page.Locator("#rank-tco2 tbody tr").First).ToHaveAttributeAsync("data-enterprise", "ent-2");
        await Assertions.Expect(page.Locator("#breakdown tr[data-industry='3011'] td").First).ToHaveTextAsync("工业");
        await Assertions.Expect(page.Locator("#indicators tr[data-indicator='consistency_rate'] td").First).ToHaveTextAsync("数据一致性率");
        Assert.Equal(31, await page.Locator("#domain-chart rect.seg[data-domain='industry']").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = cloud.Folder.File("region-zh.png"), FullPage = true });

        await page.GotoAsync(cloud.BaseUrl + "/region.html?region=320500&period=2026-01&lang=en");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Regional carbon accounting");
        await Assertions.Expect(page.Locator("#indicators tr[data-indicator='consistency_rate'] td").First).ToHaveTextAsync("Consistency rate");
        await Assertions.Expect(page.Locator($"#region-warnings tr[data-warning='{below}'] td").Nth(2)).ToHaveTextAsync("intensity above target");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = cloud.Folder.File("region-en.png"), FullPage = true });
    }

    [Fact]
    public async Task The_import_command_imports_into_the_service_and_recomputes()
    {
        // Household 320581: 2026-01 natural gas 6.2 x 10^4 m3 = 62 000 m3 x 1.2143 = 75.2866 tce; electricity 1000 kWh a day,
        // 2000 on 1 January: the 1st is 2000 / 32 000 of the month = 4.7054125 tce x 2.66 = 12.51639725 tCO2
        var statistics = cloud.Folder.File("household-statistics.csv");
        File.WriteAllText(statistics, "region,period,domain,industry,energy_kind,quantity,unit\n320581,2026-01,household,,natural_gas,6.2,10^4 m3\n");
        var electricity = cloud.Folder.File("household-electricity.csv");
        File.WriteAllLines(electricity, ["region,domain,industry,day,kwh", .. Enumerable.Range(1, 31).Select(d => $"320581,household,,2026-01-{d:D2},{(d == 1 ? 2000 : 1000)}")]);

        var exit = await CarbonEdge.Cloud.Cli.CloudCommand.Create().Parse(["import-region", "--statistics", statistics, "--electricity", electricity,
            "--config", cloud.Folder.File("cedge-cloud.json")]).InvokeAsync();

        Assert.Equal(0, exit);
        var day = Single(await OkAsync("/api/v1/regions/320581/domains/household/emissions/day?from=2026-01-01&to=2026-01-01"));
        Assert.Equal(75.2866 * 2000 / 32_000 * 2.66, day.GetProperty("tco2").GetDouble(), 9);
        Assert.Equal("electricity_share", day.GetProperty("method").GetString());
        Assert.Equal(75.2866 * 2.66, Single(await OkAsync("/api/v1/regions/320000/domains/household/emissions/month?from=2026-01&to=2026-01")).GetProperty("tco2").GetDouble(), 9);
    }
}
