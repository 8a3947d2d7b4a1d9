using System.Diagnostics;

namespace CarbonEdge.Cloud.Account.Reports;

/// <summary>Prints report HTML to PDF with headless Chromium (<c>--print-to-pdf</c>), where it is installed.</summary>
internal static class ReportPdf
{
    /// <summary>The browser to use: the configured one, else <c>chromium</c>, <c>chromium-browser</c> or <c>google-chrome</c> on PATH; null when none.</summary>
    public static string? FindBrowser(string? configured)
    {
        if (configured is not null) return File.Exists(configured) ? configured : null;
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                if (File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        return null;
    }

    /// <summary>Writes the PDF of <paramref name="html"/> and returns its bytes.</summary>
    /// <exception cref="InvalidOperationException">The browser failed or wrote no PDF (the message has its exit code and last error line).</exception>
    public static async Task<byte[]> PrintAsync(string browser, string html, CancellationToken cancellationToken)
    {
        string dir = Directory.CreateTempSubdirectory("cedge-report-").FullName;
        try
        {
            string page = Path.Combine(dir, "report.html"), pdf = Path.Combine(dir, "report.pdf");
            await File.WriteAllTextAsync(page, html, cancellationToken).ConfigureAwait(false);
            var start = new ProcessStartInfo(browser) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                         "--disable-sync", "--no-first-run", "--no-pdf-header-footer", $"--user-data-dir={Path.Combine(dir, "profile")}", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri })
                start.ArgumentList.Add(a);
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{browser} did not start");
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            if (!File.Exists(pdf))
                throw new InvalidOperationException($"{browser} exited {process.ExitCode} without a PDF: {(await stderr.ConfigureAwait(false)).Trim().Split('\n')[^1]}");
            return await File.ReadAllBytesAsync(pdf, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { /* the browser may still hold its profile for a moment */ }
        }
    }
}
