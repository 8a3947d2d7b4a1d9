using System.Diagnostics;
using System.Globalization;
using CarbonEdge.Protocols.Modbus.Client;
using CarbonEdge.Protocols.Modbus.Transport;
using CarbonEdge.Testing;

namespace CarbonEdge.Benchmarks;

/// <summary>
/// <c>cedge-bench compare modbus-tcp-read [--requests N] [--rounds R] [--in-flight K]</c>: read 10 holding registers over
/// one loopback connection from the same libmodbus server: the libmodbus C client loop, our client sequentially, and
/// our client with K requests in flight (pipelining), in alternating rounds so that all three see the same machine
/// load. Prints each round and the medians: requests per second (wall clock), CPU time per request (the client
/// process's user + system time, which load on a shared machine disturbs far less), and our bytes allocated per request.
/// </summary>
internal static class ModbusTcpReadComparison
{
    public const string Description = "read 10 holding registers, one TCP connection: our client (sequential and pipelined) vs libmodbus, same libmodbus server";

    private readonly record struct Run(double RequestsPerSecond, double CpuMicroseconds, double BytesPerRequest);

    public static async Task<int> RunAsync(string[] args)
    {
        int requests = 10_000, rounds = 9, inFlight = 8;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            int value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--requests": requests = value; break;
                case "--rounds": rounds = value; break;
                case "--in-flight": inFlight = value; break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}; use --requests N (per round), --rounds R, --in-flight K");
                    return 2;
            }
        }
        string benchClient = await LibModbusPeer.BuildAsync("modbus-bench-client");
        await using var server = await LibModbusServer.StartTcpAsync();
        Console.WriteLine($"read 10 holding registers from the libmodbus server on 127.0.0.1:{server.Port}, one connection per client; " +
                          $"{rounds} alternating rounds of {requests} requests; pipelined = {inFlight} in flight");

        // Warm-up: our code reaches its optimised (tier-1) JIT code; the C client and server page in.
        await RunLibmodbusAsync(benchClient, server.Port, 2_000);
        for (int i = 0; i < 6; i++)
        {
            await RunOursAsync(server.Port, 5_000, 1);
            await RunOursAsync(server.Port, 5_000, inFlight);
            await Task.Delay(200);
        }

        var table = new List<(Run C, Run Sequential, Run Pipelined)>();
        Console.WriteLine($"{"round",6} | {"libmodbus req/s",15} {"ours req/s",10} {"x",5} {"pipelined",10} {"x",5} | {"CPU us/req: libmodbus",21} {"ours",6} {"pipelined",9} | {"ours B/req",10}");
        for (int round = 1; round <= rounds; round++)
        {
            var c = await RunLibmodbusAsync(benchClient, server.Port, requests);
            var sequential = await RunOursAsync(server.Port, requests, 1);
            var pipelined = await RunOursAsync(server.Port, requests, inFlight);
            table.Add((c, sequential, pipelined));
            Print(round.ToString(CultureInfo.InvariantCulture), c, sequential, pipelined);
        }
        // Medians of each column; the ratios are the medians of the rounds' ratios (each from one round's pair).
        Print("median", Median(table.Select(r => r.C)), Median(table.Select(r => r.Sequential)), Median(table.Select(r => r.Pipelined)),
            Mid(table.Select(r => r.Sequential.RequestsPerSecond / r.C.RequestsPerSecond)), Mid(table.Select(r => r.Pipelined.RequestsPerSecond / r.C.RequestsPerSecond)));
        return 0;
    }

    private static void Print(string label, Run c, Run sequential, Run pipelined, double? sequentialRatio = null, double? pipelinedRatio = null) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,6} | {c.RequestsPerSecond,15:0} {sequential.RequestsPerSecond,10:0} {sequentialRatio ?? sequential.RequestsPerSecond / c.RequestsPerSecond,4:0.00}x {pipelined.RequestsPerSecond,10:0} {pipelinedRatio ?? pipelined.RequestsPerSecond / c.RequestsPerSecond,4:0.00}x | {c.CpuMicroseconds,21:0.0} {sequential.CpuMicroseconds,6:0.0} {pipelined.CpuMicroseconds,9:0.0} | {sequential.BytesPerRequest,10:0.0}"));

    private static Run Median(IEnumerable<Run> runs)
    {
        var list = runs.ToList();
        return new Run(Mid(list.Select(r => r.RequestsPerSecond)), Mid(list.Select(r => r.CpuMicroseconds)), Mid(list.Select(r => r.BytesPerRequest)));
    }

    private static double Mid(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static async Task<Run> RunLibmodbusAsync(string executable, int port, int requests)
    {
        var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), requests.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"libmodbus client failed: {await process.StandardError.ReadToEndAsync()}");
        string[] parts = output.Trim().Split(' ');
        double seconds = double.Parse(parts[1], CultureInfo.InvariantCulture), cpuSeconds = double.Parse(parts[2], CultureInfo.InvariantCulture);
        return new Run(requests / seconds, cpuSeconds * 1e6 / requests, double.NaN);
    }

    /// <summary>Our client: <paramref name="inFlight"/> loops share one transport that allows that many requests in flight.</summary>
    private static async Task<Run> RunOursAsync(int port, int requests, int inFlight)
    {
        await using var transport = new ModbusTcpTransport("127.0.0.1", port, new ModbusTcpTransportOptions { MaxInFlight = inFlight });
        var client = new ModbusClient(transport);
        var buffers = Enumerable.Range(0, inFlight).Select(_ => new ushort[10]).ToArray();
        await client.ReadHoldingRegistersAsync(1, 0, buffers[0]);
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(buffers.Select(async registers =>
        {
            for (int i = 0; i < requests / inFlight; i++)
            {
                await client.ReadHoldingRegistersAsync(1, 0, registers);
            }
        }));
        stopwatch.Stop();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        self.Refresh();
        int done = requests / inFlight * inFlight;
        return new Run(done / stopwatch.Elapsed.TotalSeconds, (self.TotalProcessorTime - cpuBefore).TotalMicroseconds / done, (double)allocated / done);
    }
}
