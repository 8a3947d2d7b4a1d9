using System.CommandLine;
using System.Globalization;
using CarbonEdge.Protocols.Modbus;
using CarbonEdge.Protocols.Modbus.Client;
using CarbonEdge.Protocols.Modbus.Pdu;

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
                var functionCode = (ModbusFunctionCode)result.GetValue(function);
                var register = (ushort)result.GetValue(address);
                var scan = new BusScan($"scanning {connection.Describe(result)}", "unit", "answer", "unit ids");
                return await scan.RunAsync(ids, async (unit, ct) =>
                {
                    try
                    {
                        await client.ReadRegistersAsync(functionCode, unit, register, new ushort[1], ct);
                        return "ok";
                    }
                    catch (ModbusServerException ex)
                    {
                        return $"exception 0x{(byte)ex.ExceptionCode:X2} ({ModbusExceptionCodes.Describe(ex.ExceptionCode)})";
                    }
                    catch (ModbusProtocolException ex)
                    {
                        return $"garbled ({ex.Error})";
                    }
                    catch (ModbusTimeoutException)
                    {
                        return null;
                    }
                }, ex => ex is ModbusConnectionException, cancellationToken);
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
