using System.Globalization;
using CarbonEdge.IntegrationTests.Rig;
using CarbonEdge.Simulators.Meters;
using CarbonEdge.Testing;
using Microsoft.Playwright;

namespace CarbonEdge.IntegrationTests;

/// <summary>The dashboard, read in headless Debian Chromium through Playwright, shows the live values the API reports.</summary>
public sealed class DashboardTests
{
    private static readonly CultureInfo EnUs = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public async Task Dashboard_shows_the_live_values_the_api_reports()
    {
        await using var rig = await PlantRig.StartAsync("dashboard",
            [new MeterSettings(RegisterBaseKwh: 1000), new MeterSettings(Scale: 0.5, DayOffset: 40, RegisterBaseKwh: 500)], pollMs: 500);
        await PlantRig.WaitUntilAsync("live values of both meters", TimeSpan.FromSeconds(60), async () =>
        {
            using var live = await rig.GetAsync($"/api/v1/sites/{PlantRig.Site}/live");
            return live.RootElement.GetProperty("devices").EnumerateArray().Count(d => d.GetProperty("points").TryGetProperty("power.active", out _)) == 2;
        });
        await rig.StopGatewayAsync(); // freeze the values, and the gateway says it is offline
        await PlantRig.WaitUntilAsync("gateway offline", TimeSpan.FromSeconds(30), async () =>
        {
            using var live = await rig.GetAsync($"/api/v1/sites/{PlantRig.Site}/live");
            return live.RootElement.GetProperty("gateways").EnumerateArray().Any(g => g.GetProperty("state").GetString() == "offline");
        });
        using var api = await rig.GetAsync($"/api/v1/sites/{PlantRig.Site}/live");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(rig.BaseUrl + "/");
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
