using System.Globalization;
using System.Text.Json.Nodes;
using CarbonEdge.IntegrationTests.Rig;
using CarbonEdge.Simulators.Cems;
using CarbonEdge.Simulators.Meters;
using CarbonEdge.Testing;
using Microsoft.Playwright;

namespace CarbonEdge.IntegrationTests;

/// <summary>
/// A simulated stack's data-acquisition unit (cedge-sim cems hj212, in process) backfills yesterday and today over
/// HJ 212 into <c>cedge run</c>'s hj212 input, with an outage on the way; the gateway publishes to mosquitto, the cloud
/// writes InfluxDB and estimates: yesterday's scope 1 tCO2 (formula 5, method cems) equals the unit's own integral of
/// CO2 mass, and yesterday has one reading per minute, no gap, no duplicate. With a meter's history beside it, the
/// dashboard (headless Chromium) shows the stack's kg/h, today's direct tCO2 and both scopes of yesterday.
/// </summary>
public sealed class CemsStackEndToEndTests
{
    private const string Mn = "88888880000001";
    private const string Pw = "123456";

    [Fact]
    public async Task A_days_scope_1_tco2_is_the_stacks_own_co2_integral()
    {
        int hj212Port = FreePort.Next();
        await using var rig = await PlantRig.StartAsync("cems-e2e", [new MeterSettings(RegisterBaseKwh: 1000)], customize: (registry, gateway) =>
        {
            ((JsonArray)registry["devices"]!).Add(new JsonObject
            {
                ["site"] = PlantRig.Site, ["id"] = "stack-1", ["kind"] = "cems", ["name"] = "Boiler 1 stack",
                ["multiplier"] = 1, ["rolloverKwh"] = null, ["intervalSeconds"] = 60,
            });
            gateway["hj212"] = new JsonObject
            {
                ["listen"] = $"127.0.0.1:{hj212Port}",
                ["stations"] = new JsonArray(new JsonObject { ["mn"] = Mn, ["pw"] = Pw, ["device"] = "stack-1" }),
            };
        });

        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime;
        var yesterday = DateOnly.FromDateTime(now).AddDays(-1);
        double hours = (now - yesterday.ToDateTime(TimeOnly.MinValue)).TotalHours + 0.05;
        var unit = new Hj212UnitSimulator(new Hj212UnitOptions
        {
            Host = "127.0.0.1", Port = hj212Port, Mn = Mn, Pw = Pw, BackfillHours = hours, OutageSeconds = 1, IntervalSeconds = 3600,
            ReportPath = rig.Folder.File("stack-report.json"),
        }, TimeProvider.System, TextWriter.Null);
        using var stop = new CancellationTokenSource();
        var running = unit.RunAsync(stop.Token);
        try
        {
            await Poll.UntilAsync("every record answered by the gateway", TimeSpan.FromSeconds(300), () =>
                Task.FromResult(unit.Ledger.MinuteRecords >= 1440 && unit.Pending == 0));
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
        double expected = unit.Ledger.DayKg(yesterday) / 1000;
        Assert.True(expected > 1, $"the stack emitted {expected} tCO2 yesterday");

        var from = new DateTimeOffset(yesterday.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(yesterday.ToDateTime(TimeOnly.MinValue)));
        string day = $"time >= '{from.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}' AND time < '{from.UtcDateTime.AddDays(1):yyyy-MM-ddTHH:mm:ssZ}'";
        await Poll.UntilAsync("yesterday's 1440 minutes of stack-1 in InfluxDB", TimeSpan.FromSeconds(120), async () =>
        {
            var rows = await rig.Influx.RowsAsync(PlantRig.Database, $"SELECT count(value) FROM reading WHERE device = 'stack-1' AND point = 'cems.co2' AND {day}");
            return rows.Count == 1 && rows[0].Number("count") == 1440;
        });

        double actual = double.NaN;
        await Poll.UntilAsync("yesterday's scope 1 estimate equal to the stack's integral", TimeSpan.FromSeconds(120), async () =>
        {
            var rows = await rig.Influx.RowsAsync(PlantRig.Database, $"SELECT tco2, completeness FROM carbon_daily WHERE method = 'cems' AND time = '{from.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}'");
            if (rows.Count != 1) return false;
            actual = rows[0].Number("tco2");
            return Math.Abs(actual - expected) <= expected * 1e-6;
        });
        var scope = await rig.Influx.RowsAsync(PlantRig.Database, "SELECT tco2 FROM carbon_daily WHERE method = 'cems' GROUP BY scope");
        Assert.Contains(scope, r => r.Tags.GetValueOrDefault("scope") == "1");
        Assert.True(Math.Abs(actual - expected) <= expected * 1e-6, string.Create(CultureInfo.InvariantCulture, $"estimated {actual:R} tCO2, the stack emitted {expected:R}"));

        await DashboardShowsBothScopesAsync(rig, yesterday);
    }

    private static readonly CultureInfo EnUs = CultureInfo.GetCultureInfo("en-US");

    private static async Task DashboardShowsBothScopesAsync(PlantRig rig, DateOnly yesterday)
    {
        await using (var history = ExternalProcess.Start("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "cedge-sim.dll"), "history", "--days", "1", "--mqtt", rig.Broker.UrlWith(), "--ca-file", rig.Broker.CaFile!,
             "--site", PlantRig.Site, "--gateway", "history", "--meter", "m-1:register-base=1000"], rig.Folder.File("history.log")))
        {
            Assert.Equal(0, await history.WaitForExitAsync(TimeSpan.FromSeconds(120)));
        }
        string daily = $"/api/v1/enterprises/{PlantRig.Enterprise}/emissions/daily?from={yesterday:yyyy-MM-dd}&to={yesterday:yyyy-MM-dd}";
        double scope1 = 0, scope2 = 0;
        await Poll.UntilAsync("yesterday's scope 1 and complete scope 2 rows", TimeSpan.FromSeconds(90), async () =>
        {
            using var doc = await rig.GetAsync(daily);
            var rows = doc.RootElement.GetProperty("days").EnumerateArray().ToList();
            var grid = rows.FirstOrDefault(r => r.GetProperty("method").GetString() == "grid" && r.GetProperty("scope").GetString() == "2");
            var cems = rows.FirstOrDefault(r => r.GetProperty("method").GetString() == "cems" && r.GetProperty("scope").GetString() == "1");
            if (grid.ValueKind == System.Text.Json.JsonValueKind.Undefined || cems.ValueKind == System.Text.Json.JsonValueKind.Undefined) return false;
            (scope1, scope2) = (cems.GetProperty("tco2").GetDouble(), grid.GetProperty("tco2").GetDouble());
            return grid.GetProperty("completeness").GetDouble() == 1.0;
        });
        using var live = await rig.GetAsync($"/api/v1/sites/{PlantRig.Site}/live");
        var stack = live.RootElement.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "stack-1").GetProperty("points");
        double kgPerHour = stack.GetProperty("cems.co2").GetProperty("value").GetDouble() / 100
            * stack.GetProperty("cems.flow.std_dry").GetProperty("value").GetDouble() * 1.9768;
        using var today = await rig.GetAsync($"/api/v1/enterprises/{PlantRig.Enterprise}/stacks/today");
        double todayTco2 = today.RootElement.GetProperty("tco2").GetDouble();
        Assert.True(todayTco2 > 0, "the stack emitted today");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        const string password = "plant-manager-password";
        await rig.AddUserAsync("plant-manager", "enterprise", $"enterprise:{PlantRig.Enterprise}", password);
        await HeadlessChromium.SignInAsync(page, rig.BaseUrl, "plant-manager", password);
        var patient = new LocatorAssertionsToHaveTextOptions { Timeout = 20_000 };
        await Assertions.Expect(page.Locator("#stack-kgh")).ToHaveTextAsync(kgPerHour.ToString("N1", EnUs), patient);
        await Assertions.Expect(page.Locator("#stack-today-tco2")).ToHaveTextAsync(todayTco2.ToString("N3", EnUs), patient);
        var row = page.Locator($"#scopes tr[data-day='{yesterday:yyyy-MM-dd}']");
        await Assertions.Expect(row.Locator("td[data-scope='1']")).ToHaveTextAsync(scope1.ToString("N3", EnUs), patient);
        await Assertions.Expect(row.Locator("td[data-scope='2']")).ToHaveTextAsync(scope2.ToString("N3", EnUs), patient);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = rig.Folder.File("dashboard-cems.png"), FullPage = true });
    }
}
