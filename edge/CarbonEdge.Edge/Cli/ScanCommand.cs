using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CarbonEdge.Protocols.Modbus;
using CarbonEdge.Protocols.Modbus.Client;
using CarbonEdge.Protocols.Modbus.Pdu;
using Spectre.Console;

namespace CarbonEdge.Edge.Cli;

/// <summary>
/// <c>cedge scan modbus-rtu|modbus-tcp|modbus-rtutcp --units 1-247</c>: asks each unit id for one register and
/// lists those that answer (a normal or an exception response both mean a device is there), with a progress bar.
/// </summary>
internal static class ScanCommand
{
    public static Command Create()
    {
        var scan = new Command("scan", "Find the unit ids that answer on a bus or gateway");
        foreach (string driver in ModbusCliConnection.Drivers)
        {
            var connection = ModbusCliConnection.For(driver);
            var units = new Option<string>("--units") { Description = "Unit ids to try: a range like 1-247, or a list like 1,2,10-20", DefaultValueFactory = _ => "1-247" };
            var address = new Option<int>("--address", "-a") { Description = "Register to read from each unit (0-based)", DefaultValueFactory = _ => 0 };
            var function = new Option<int>("--function", "-f") { Description = "3 (holding) or 4 (input registers)", DefaultValueFactory = _ => 3 };
            function.AcceptOnlyFromAmong("3", "4");
            var command = new Command(driver, $"Scan a {driver} bus");
            connection.AddTo(command, withUnit: false);
            connection.Timeout.DefaultValueFactory = _ => 200;
            command.Options.Add(units);
            command.Options.Add(address);
            command.Options.Add(function);
            command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
            {
                if (!TryParseUnits(result.GetValue(units)!, out var ids, out string? problem))
                {
                    await Console.Error.WriteLineAsync($"error: --units: {problem}");
                    return 2;
                }
                await using var transport = connection.CreateTransport(result);
                var client = new ModbusClient(transport);
                var found = new List<(byte Unit, string Answer, double Ms)>();
                string? connectionError = null;
                await AnsiConsole.Progress().AutoClear(true).StartAsync(async progress =>
                {
                    var task = progress.AddTask($"scanning {connection.Describe(result)}", maxValue: ids.Count);
                    foreach (byte unit in ids)
                    {
                        if (cancellationToken.IsCancellationRequested) break;
                        long started = Stopwatch.GetTimestamp();
                        try
                        {
                            await client.ReadRegistersAsync((ModbusFunctionCode)result.GetValue(function), unit, (ushort)result.GetValue(address), new ushort[1], cancellationToken);
                            found.Add((unit, "ok", Stopwatch.GetElapsedTime(started).TotalMilliseconds));
                        }
                        catch (ModbusServerException ex)
                        {
                            found.Add((unit, $"exception 0x{(byte)ex.ExceptionCode:X2} ({ModbusExceptionCodes.Describe(ex.ExceptionCode)})", Stopwatch.GetElapsedTime(started).TotalMilliseconds));
                        }
                        catch (ModbusProtocolException ex)
                        {
                            found.Add((unit, $"garbled ({ex.Error})", Stopwatch.GetElapsedTime(started).TotalMilliseconds));
                        }
                        catch (ModbusTimeoutException)
                        {
                        }
                        catch (ModbusConnectionException ex)
                        {
                            connectionError = ex.Message;
                            break;
                        }
                        catch (OperationCanceledException)
                        {
                            break;
                        }
                        task.Increment(1);
                    }
                });
                if (connectionError is not null)
                {
                    await Console.Error.WriteLineAsync($"error: {connectionError}");
                    return 1;
                }
                var table = new Table().AddColumn("unit").AddColumn("answer").AddColumn(new TableColumn("ms").RightAligned());
                foreach (var (unit, answer, ms) in found)
                {
                    table.AddRow(unit.ToString(CultureInfo.InvariantCulture), Markup.Escape(answer), ms.ToString("0.0", CultureInfo.InvariantCulture));
                }
                if (found.Count > 0) AnsiConsole.Write(table);
                Console.WriteLine($"{found.Count} of {ids.Count} unit ids answer");
                return found.Count > 0 ? 0 : 1;
            });
            scan.Subcommands.Add(command);
        }
        scan.Subcommands.Add(Dlt645ScanCommand.Create());
        return scan;
    }

    /// <summary>Parses <c>1-247</c> or <c>1,2,10-20</c> into unit ids 0-247.</summary>
    internal static bool TryParseUnits(string text, out List<byte> units, out string? problem)
    {
        units = [];
        problem = null;
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] ends = part.Split('-');
            if (ends.Length > 2 || !int.TryParse(ends[0], CultureInfo.InvariantCulture, out int first)
                || !int.TryParse(ends[^1], CultureInfo.InvariantCulture, out int last) || first > last || first < 0 || last > 247)
            {
                problem = $"'{part}' is not a unit id or range within 0-247";
                return false;
            }
            for (int unit = first; unit <= last; unit++) units.Add((byte)unit);
        }
        units = units.Distinct().ToList();
        if (units.Count == 0) problem = "no unit ids given";
        return units.Count > 0;
    }
}
