using System.Diagnostics;

namespace CarbonEdge.Testing;

/// <summary>
/// mbpoll 1.4 (a Modbus master built on libmodbus) as a peer: runs it once and returns the values it printed.
/// Its addresses are 1-based (<c>-r 1</c> is protocol address 0).
/// </summary>
public static class Mbpoll
{
    /// <summary>Runs <c>mbpoll</c> with <paramref name="arguments"/>; returns the values of its <c>[address]: value</c> lines.</summary>
    /// <exception cref="InvalidOperationException">mbpoll is not installed, or exited with an error (its output in the message).</exception>
    public static async Task<string[]> RunAsync(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(Tools.Resolve("mbpoll")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"mbpoll failed ({process.ExitCode}): {await output} {await error}");
        return (await output).Split('\n').Where(l => l.StartsWith('[')).Select(l => l[(l.IndexOf(':') + 1)..].Trim().Split(' ')[0]).ToArray();
    }
}
