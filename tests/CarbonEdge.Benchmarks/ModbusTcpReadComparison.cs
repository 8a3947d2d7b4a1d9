using System.Diagnostics;
using System.Globalization;
using CarbonEdge.Protocols.Modbus.Client;
using CarbonEdge.Protocols.Modbus.Transport;
using CarbonEdge.Testing;

namespace CarbonEdge.Benchmarks;

/// <summary>
/// <c>cedge-bench compare modbus-tcp-read [requests]</c>: read 10 holding registers over one loopback connection,
/// sequentially, from the same libmodbus server: the libmodbus C client loop, then our client, in the same run.
/// </summary>
internal static class ModbusTcpReadComparison
{
    public const string Description = "read 10 holding registers, one TCP connection: our client vs libmodbus, same libmodbus server";

    public static async Task<int> RunAsync(string[] args)
    {
        int requests = args is [var n, ..] ? int.Parse(n, CultureInfo.InvariantCulture) : 50_000;
        string benchClient = await LibModbusPeer.BuildAsync("modbus-bench-client");
        await using var server = await LibModbusServer.StartTcpAsync();

        // Warm-up for both, then the measured runs.
        await RunLibmodbusAsync(benchClient, server.Port, 2_000);
        await RunOursAsync(server.Port, 2_000);
        double libmodbus = await RunLibmodbusAsync(benchClient, server.Port, requests);
        var (ours, allocated) = await RunOursAsync(server.Port, requests);

        Console.WriteLine($"{"client",-22} {"requests",10} {"req/s",10} {"vs libmodbus",13} {"bytes/request",14}");
        Console.WriteLine($"{"libmodbus 3.1 (C)",-22} {requests,10} {libmodbus,10:0} {"1.00x",13} {"-",14}");
        Console.WriteLine($"{"CarbonEdge (C#)",-22} {requests,10} {ours,10:0} {ours / libmodbus,12:0.00}x {allocated,14:0.0}");
        return 0;
    }

    private static async Task<double> RunLibmodbusAsync(string executable, int port, int requests)
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
        return double.Parse(parts[0], CultureInfo.InvariantCulture) / double.Parse(parts[1], CultureInfo.InvariantCulture);
    }

    private static async Task<(double RequestsPerSecond, double BytesPerRequest)> RunOursAsync(int port, int requests)
    {
        await using var transport = new ModbusTcpTransport("127.0.0.1", port);
        var client = new ModbusClient(transport);
        var registers = new ushort[10];
        await client.ReadHoldingRegistersAsync(1, 0, registers);
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();
        for (int i = 0; i < requests; i++)
        {
            await client.ReadHoldingRegistersAsync(1, 0, registers);
        }
        stopwatch.Stop();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return (requests / stopwatch.Elapsed.TotalSeconds, (double)allocated / requests);
    }
}
