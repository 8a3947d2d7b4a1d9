using System.Diagnostics;
using CarbonEdge.Testing;

namespace CarbonEdge.Edge.Tests.Modbus;

/// <summary>Runs the shipped <c>cedge</c> (the native binary, <see cref="ShippedGateway"/>) as a person would, capturing its output.</summary>
internal static class Cedge
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) => RunWithInputAsync(null, arguments);

    /// <summary>Runs cedge with <paramref name="input"/> (if any) on its standard input, then closes it.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunWithInputAsync(string? input, params string[] arguments)
    {
        var info = new ProcessStartInfo(ShippedGateway.Path) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
