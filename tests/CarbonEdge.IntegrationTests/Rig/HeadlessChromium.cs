using CarbonEdge.Testing;
using Microsoft.Playwright;

namespace CarbonEdge.IntegrationTests.Rig;

/// <summary>The system's chromium, headless, started as RUNBOOK.md says (no sandbox, no GPU, no background traffic).</summary>
internal static class HeadlessChromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Tools.Resolve("chromium"),
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
}
