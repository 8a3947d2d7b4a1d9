using CarbonEdge.Testing;
using Microsoft.Playwright;
using OtpNet;

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

    /// <summary>Signs in on the dashboard's sign-in page with a password and, for roles that need one, the current TOTP code.</summary>
    public static async Task SignInAsync(IPage page, string baseUrl, string name, string password, string? totpSecret = null)
    {
        await page.GotoAsync(baseUrl + "/");
        await page.FillAsync("#sign-in-name", name);
        await page.FillAsync("#sign-in-password", password);
        if (totpSecret is not null) await page.FillAsync("#sign-in-code", new Totp(Base32Encoding.ToBytes(totpSecret)).ComputeTotp(DateTime.UtcNow));
        await page.ClickAsync("#sign-in-submit");
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync(name);
    }
}
