using System.Diagnostics;
using System.Globalization;
using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Dlt645.Client;
using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;
using CarbonEdge.Testing;

namespace CarbonEdge.Benchmarks;

/// <summary>
/// <c>cedge-bench compare dlt645-line [--seconds S] [--baud B]</c> (issue 9): our <see cref="Dlt645Client"/> reading
/// forward active energy (00010000) over a socat pty pair from <c>cedge-sim meter dlt645 --pace</c>, which answers no
/// faster than a real line at B baud, 8N1 (a pty takes no parity; 10 bits a character): reads per second against the
/// line rate for the same frames (request with 4 FEH + reply, in bits, over the baud), with the client's inter-frame
/// quiet time at its default (20 ms) and at 0; CPU time and bytes allocated per read in this process.
/// </summary>
internal static class Dlt645LineComparison
{
    public const string Description = "DL/T 645 reads/s over a pty paced as a 9600-baud line vs the line rate for the same frames; CPU and allocations per read";

    private const int RequestBytes = 4 + 16, ReplyBytes = 12 + 8; // 4 FEH + 68 A0..A5 68 11 04 DI×4 CS 16; 68 A0..A5 68 91 08 DI×4 XXXXXX.XX CS 16

    public static async Task<int> RunAsync(string[] args)
    {
        int seconds = BenchArguments.Int(args, "--seconds", 20), baud = BenchArguments.Int(args, "--baud", 9600);
        await using var pty = await SocatPtyPair.StartAsync("bench-dlt645-line");
        var folder = RunFolder.Create("bench-dlt645-line");
        await using var meter = ExternalProcess.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "cedge-sim.dll"), "meter", "dlt645",
            "--serial", pty.PathA, "--baud", Text(baud), "--parity", "N", "--address", "000000001234", "--pace"], folder.File("cedge-sim.log"));
        await meter.WaitForLogAsync(" serving ", TimeSpan.FromSeconds(60));
        double lineMs = (RequestBytes + ReplyBytes) * 10 * 1000.0 / baud;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"00010000 over a socat pty paced as {baud} baud 8N1; a read is {RequestBytes} + {ReplyBytes} bytes = {lineMs:0.0} ms on the line, {1000 / lineMs:0.0} reads/s; {Environment.ProcessorCount} cores, load average {BenchArguments.LoadAverage()}"));
        Console.WriteLine($"{"client quiet time",18} | {"reads/s",8} {"line rate",10} {"ratio",6} | {"CPU us/read",11} {"B/read",7}");
        foreach (var quiet in new[] { Dlt645ClientOptions.DefaultInterFrameDelay, TimeSpan.Zero })
        {
            var run = await RunClientAsync(pty.PathB, baud, quiet, TimeSpan.FromSeconds(seconds));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{quiet.TotalMilliseconds,15:0} ms | {run.PerSecond,8:0.00} {1000 / lineMs,10:0.00} {run.PerSecond * lineMs / 1000,6:0.00} | {run.CpuUs,11:0.0} {run.Bytes,7:0}"));
        }
        return 0;
    }

    private static async Task<(double PerSecond, double CpuUs, double Bytes)> RunClientAsync(string path, int baud, TimeSpan quiet, TimeSpan duration)
    {
        var options = new Dlt645ClientOptions { InterFrameDelay = quiet, ResponseTimeout = TimeSpan.FromSeconds(2) };
        await using var client = new Dlt645Client(new SerialChannel(new SerialPortOptions { Path = path, Baud = baud }), options);
        var meter = Dlt645Address.Parse("000000001234");
        for (int i = 0; i < 20; i++) await client.ReadAsync(meter, Dlt645Catalog.ForwardActiveEnergy); // warm-up: JIT, buffers
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        int reads = 0;
        while (clock.Elapsed < duration)
        {
            await client.ReadAsync(meter, Dlt645Catalog.ForwardActiveEnergy);
            reads++;
        }
        double elapsed = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (reads / elapsed, (process.TotalProcessorTime - cpu).TotalMicroseconds / reads, (double)(GC.GetTotalAllocatedBytes(precise: true) - allocated) / reads);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
