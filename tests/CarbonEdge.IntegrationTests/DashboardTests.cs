using System.Globalization;
using CarbonEdge.IntegrationTests.Rig;
using CarbonEdge.Simulators.Meters;
using CarbonEdge.Testing;
using Microsoft.Playwright;

namespace CarbonEdge.IntegrationTests;

/// <summary>
/// The dashboard, read in headless Debian Chromium through Playwright: a regulator signs in with password and TOTP
/// code, sees the plants of its region (not another region's) and the live values the API reports.
/// </summary>
public sealed class DashboardTests
{
    private static readonly CultureInfo EnUs = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public async Task After_sign_in_with_password_and_totp_the_dashboard_shows_the_regions_plants_and_the_live_values_the_api_reports()
    {
        await using var rig = await PlantRig.StartAsync("dashboard",
            [new MeterSettings(RegisterBaseKwh: 1000), new MeterSettings(Scale: 0.5, DayOffset: 40, RegisterBaseKwh: 500)], pollMs: 500);
        await Poll.UntilAsync("live values of both meters", TimeSpan.FromSeconds(60), async () =>
        {
            using var live = await rig.GetAsync($"/api/v1/sites/{PlantRig.Site}/live");
            return live.RootElement.GetProperty("devices").EnumerateArray().Count(d => d.GetProperty("points").TryGetProperty("power.active", out _)) == 2;
        });
        await rig.StopGatewayAsync(); // freeze the values, and the gateway says it is offline
        await Poll.UntilAsync("gateway offline", TimeSpan.FromSeconds(30), async () =>
        {
            using var live = await rig.GetAsync($"/api/v1/sites/{PlantRig.Site}/live");
            return live.RootElement.GetProperty("gateways").EnumerateArray().Any(g => g.GetProperty("state").GetString() == "offline");
        });
        using var api = await rig.GetAsync($"/api/v1/sites/{PlantRig.Site}/live");
        await rig.PutAsync("/api/v1/enterprises/ent-bj", """{"name":"Beijing Works","region":"110101","industry":"3130"}""");
        await rig.PutAsync("/api/v1/sites/plant-bj", """{"enterprise":"ent-bj","name":"Beijing plant"}""");
        const string password = "suzhou-regulator-pw";
        string secret = await rig.AddUserAsync("suzhou", "regulator", "region:320500", password) ?? throw new InvalidOperationException("a regulator gets a TOTP secret");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await HeadlessChromium.SignInAsync(page, rig.BaseUrl, "suzhou", password, secret);
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync("suzhou (regulator: region:320500)");
        await Assertions.Expect(page.Locator("#site-select option")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#site-select")).ToContainTextAsync(PlantRig.Site);
        await Assertions.Expect(page.Locator("#site-select")).Not.ToContainTextAsync("plant-bj");
        foreach (var device in api.RootElement.GetProperty("devices").EnumerateArray())
        {
            string id = device.GetProperty("id").GetString()!;
            double kw = device.GetProperty("points").GetProperty("power.active").GetProperty("value").GetDouble();
            double kwh = device.GetProperty("points").GetProperty("energy.active.import").GetProperty("value").GetDouble();
            var row = page.Locator($"tr[data-device='{id}']");
            await Assertions.Expect(row.Locator("td[data-point='power.active']")).ToHaveTextAsync(kw.ToString("N2", EnUs));
            await Assertions.Expect(row.Locator("td[data-point='energy.active.import']")).ToHaveTextAsync(kwh.ToString("N2", EnUs));
        }
        double total = api.RootElement.GetProperty("totalKw").GetDouble();
        await Assertions.Expect(page.Locator("#total-kw")).ToHaveTextAsync(total.ToString("N1", EnUs));
        await Assertions.Expect(page.Locator("#gateways")).ToContainTextAsync("gw-01: offline");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = rig.Folder.File("dashboard.png"), FullPage = true });
    }
}
