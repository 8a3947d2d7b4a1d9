using System.ComponentModel;
using System.Diagnostics;

namespace CarbonEdge.Cloud.Operations;

/// <summary>Runs an operator tool the cloud drives (<c>influxd backup</c>, <c>mosquitto_ctrl</c>) and collects what it printed.</summary>
internal static class ToolProcess
{
    /// <summary>The tool's exit code and its standard output and error, trimmed; exit null when it could not be started (output says why).</summary>
    public static async Task<(int? Exit, string Output)> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        Process? process;
        try
        {
            process = Process.Start(info);
        }
        catch (Win32Exception ex)
        {
            return (null, $"cannot run {program}: {ex.Message}");
        }
        if (process is null) return (null, $"{program} did not start");
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode, (await output + await error).Trim());
        }
    }
}
