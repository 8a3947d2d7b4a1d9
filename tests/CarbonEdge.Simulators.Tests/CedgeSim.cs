using CarbonEdge.Testing;

namespace CarbonEdge.Simulators.Tests;

/// <summary>The built <c>cedge-sim</c> (copied next to the tests) started as a person would, stopped on dispose.</summary>
internal sealed class CedgeSim : IAsyncDisposable
{
    private readonly ExternalProcess _process;

    private CedgeSim(ExternalProcess process) => _process = process;

    /// <summary>Starts <c>cedge-sim</c> with <paramref name="arguments"/> and waits for its "serving" line.</summary>
    public static async Task<CedgeSim> StartServingAsync(string name, params string[] arguments)
    {
        var folder = RunFolder.Create(name);
        var process = ExternalProcess.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "cedge-sim.dll"), .. arguments], folder.File("cedge-sim.log"));
        try
        {
            await process.WaitForLogAsync(" serving ", TimeSpan.FromSeconds(60));
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            string log = process.ReadLog();
            await process.DisposeAsync();
            throw new InvalidOperationException($"cedge-sim {string.Join(' ', arguments)} did not start serving: {log}", ex);
        }
        return new CedgeSim(process);
    }

    /// <summary>Runs <c>cedge-sim</c> to its end; returns the exit code and its output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var folder = RunFolder.Create("cedge-sim-run");
        await using var process = ExternalProcess.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "cedge-sim.dll"), .. arguments], folder.File("cedge-sim.log"));
        int code = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (code, process.ReadLog());
    }

    /// <summary>What it printed so far.</summary>
    public string Log => _process.ReadLog();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
