using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CarbonEdge.Protocols.Dlt645;
using CarbonEdge.Protocols.Dlt645.Client;
using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;

namespace CarbonEdge.Edge.Cli;

/// <summary>
/// <c>cedge read dlt645 --port PATH --baud 2400 --parity E|N|O --address 12-DIGITS --di 8-HEX [--version 2007|1997]
/// [--preamble N]</c> (or <c>--tcp HOST:PORT</c>): reads one data identifier and prints its value(s) with unit, one per
/// line; exits 1 with the decoded error word on an abnormal reply, or on a timeout. <c>--repeat N</c> as for Modbus.
/// </summary>
internal static class Dlt645ReadCommand
{
    public static Command Create()
    {
        var connection = new Dlt645CliConnection();
        var address = new Option<string>("--address") { Description = "Meter address, 12 digits as on the name plate (e.g. 000000001234)", Required = true };
        var di = new Option<string>("--di") { Description = "Data identifier: 8 hex digits for 2007 (e.g. 00010000), 4 for 1997 (e.g. 9010)", Required = true };
        var repeat = new Option<int>("--repeat") { Description = "Repeat the read N times and print a summary; the values printed are the last read's", DefaultValueFactory = _ => 1 };
        var command = new Command("dlt645", "Read a data identifier from a DL/T 645 meter");
        connection.AddTo(command);
        command.Options.Add(address);
        command.Options.Add(di);
        command.Options.Add(repeat);
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            string? problem = connection.Validate(result);
            var edition = connection.EditionOf(result);
            Dlt645DataIdentifier identifier = default;
            if (problem is null && !Dlt645Address.TryParse(result.GetValue(address), out _)) problem = $"--address '{result.GetValue(address)}' is not 12 digits (e.g. 000000001234)";
            if (problem is null && (!Dlt645DataIdentifier.TryParse(result.GetValue(di), out identifier) || identifier.Version != edition))
            {
                problem = $"--di '{result.GetValue(di)}' is not a DL/T 645-{(edition == Dlt645Version.V2007 ? "2007 identifier: 8 hex digits, e.g. 00010000" : "1997 identifier: 4 hex digits, e.g. 9010")}";
            }
            if (problem is not null)
            {
                await Console.Error.WriteLineAsync($"error: {problem}");
                return 2;
            }
            var meter = Dlt645Address.Parse(result.GetValue(address)!);
            await using var client = connection.CreateClient(result);
            int times = Math.Max(1, result.GetValue(repeat));
            var latencies = new List<double>();
            Dlt645Reading? last = null;
            Dlt645Exception? lastError = null;
            int failed = 0;
            var total = Stopwatch.StartNew();
            for (int i = 0; i < times && !cancellationToken.IsCancellationRequested; i++)
            {
                long started = Stopwatch.GetTimestamp();
                try
                {
                    last = await client.ReadAsync(meter, identifier, cancellationToken);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Dlt645Exception ex)
                {
                    failed++;
                    lastError = ex;
                    if (times == 1 || ex is Dlt645ConnectionException) break;
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            total.Stop();
            if (last is not null) Print(last);
            if (lastError is not null)
            {
                await Console.Error.WriteLineAsync($"error: {connection.Describe(result)} meter {meter}: {lastError.Message}");
                await Console.Error.WriteLineAsync(Hint(lastError));
            }
            if (times > 1)
            {
                latencies.Sort();
                int requests = latencies.Count + failed;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{requests} requests, {failed} failed, {requests / total.Elapsed.TotalSeconds:0.0} req/s, p50 {Percentile(latencies, 0.5):0.000} ms, p99 {Percentile(latencies, 0.99):0.000} ms"));
            }
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>One value per line with its unit; an identifier the catalogue lacks prints its bytes as sent (hex, low byte first).</summary>
    private static void Print(Dlt645Reading reading)
    {
        if (reading.Item is null)
        {
            Console.WriteLine($"{Convert.ToHexString(reading.Raw)} (raw: {reading.Identifier} is not in the catalogue)");
            return;
        }
        foreach (var value in reading.Values)
        {
            Console.WriteLine(reading.Item.Unit.Length == 0 ? value.ToString() : $"{value} {reading.Item.Unit}");
        }
    }

    private static string Hint(Dlt645Exception error) => error switch
    {
        Dlt645DeviceException { Version: Dlt645Version.V2007, ErrorWord: (byte)Dlt645ErrorWord.NoRequestedData } => "hint: the meter has no such data identifier: check --di against the meter's manual (docs/dlt645.md lists the catalogue)",
        Dlt645DeviceException => "hint: the meter refused the read: the error word names why",
        Dlt645TimeoutException => "hint: check --address (cedge scan dlt645 finds it), wiring, --baud/--parity (2400 8E1 for most 2007 meters), or raise --timeout",
        Dlt645ConnectionException => "hint: check --port (or --tcp) and that nothing else holds the port",
        _ => "hint: the reply was garbled: check the line (termination, baud, parity) and that one meter answers per address",
    };

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
