using System.CommandLine;
using System.Globalization;
using CarbonEdge.Protocols.Modbus;
using CarbonEdge.Protocols.Modbus.Client;
using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Modbus.Pdu;
using Spectre.Console;

namespace CarbonEdge.Edge.Cli;

/// <summary>
/// <c>cedge probe-order DRIVER ... --address A</c>: reads one float register pair (or four for float64) and shows it
/// decoded in all four word orders, marking which give a plausible value (near <c>--expect</c> when given, e.g. 230 for
/// a phase voltage; otherwise a finite number of ordinary size).
/// </summary>
internal static class ProbeOrderCommand
{
    public static Command Create()
    {
        var probe = new Command("probe-order", "Show a float register in all four word orders and which one is plausible");
        foreach (string driver in ModbusCliConnection.Drivers)
        {
            var connection = ModbusCliConnection.For(driver);
            var address = new Option<int>("--address", "-a") { Description = "First register of the value (0-based)", Required = true };
            var function = new Option<int>("--function", "-f") { Description = "3 (holding) or 4 (input registers)", DefaultValueFactory = _ => 3 };
            function.AcceptOnlyFromAmong("3", "4");
            var type = new Option<string>("--type", "-t") { Description = "float32 or float64", DefaultValueFactory = _ => "float32" };
            type.AcceptOnlyFromAmong("float32", "float64");
            var expect = new Option<double?>("--expect") { Description = "The value you expect, e.g. 230 for a phase voltage" };
            var tolerance = new Option<double>("--tolerance") { Description = "Relative tolerance around --expect (default 0.2 = ±20 %)", DefaultValueFactory = _ => 0.2 };
            var command = new Command(driver, $"Probe the word order of a {driver} device");
            connection.AddTo(command);
            foreach (var option in new Option[] { address, function, type, expect, tolerance }) command.Options.Add(option);
            command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
            {
                var dataType = result.GetValue(type) == "float64" ? ModbusDataType.Float64 : ModbusDataType.Float32;
                var registers = new ushort[ModbusValueCodec.RegisterCount(dataType)];
                await using var transport = connection.CreateTransport(result);
                try
                {
                    await new ModbusClient(transport).ReadRegistersAsync((ModbusFunctionCode)result.GetValue(function), connection.UnitId(result),
                        (ushort)result.GetValue(address), registers, cancellationToken);
                }
                catch (ModbusException ex)
                {
                    await Console.Error.WriteLineAsync($"error: {connection.Describe(result)}: {ex.Message}");
                    return 1;
                }
                var table = new Table().AddColumn("order").AddColumn(new TableColumn("value").RightAligned()).AddColumn("plausible");
                var plausible = new List<WordOrder>();
                foreach (var order in Enum.GetValues<WordOrder>())
                {
                    double value = ModbusValueCodec.Decode(registers, dataType, order);
                    bool ok = IsPlausible(value, result.GetValue(expect), result.GetValue(tolerance));
                    if (ok) plausible.Add(order);
                    table.AddRow(order.ToString(), value.ToString("G9", CultureInfo.InvariantCulture), ok ? "[green]yes[/]" : "no");
                }
                AnsiConsole.MarkupLine($"registers: {string.Join(' ', registers.Select(r => $"0x{r:X4}"))}");
                AnsiConsole.Write(table);
                Console.WriteLine(plausible.Count switch
                {
                    0 => "no order gives a plausible value: check --address, --function and --type (or --expect)",
                    1 => $"order: {plausible[0]}",
                    _ => $"several orders are plausible ({string.Join(", ", plausible)}): give --expect to tell them apart",
                });
                return plausible.Count > 0 ? 0 : 1;
            });
            probe.Subcommands.Add(command);
        }
        return probe;
    }

    /// <summary>Near <paramref name="expect"/> within the relative tolerance; without it, zero or a finite magnitude 1e-3..1e7.</summary>
    internal static bool IsPlausible(double value, double? expect, double tolerance)
    {
        if (!double.IsFinite(value)) return false;
        if (expect is { } e) return Math.Abs(value - e) <= Math.Abs(e) * tolerance + 1e-9;
        double magnitude = Math.Abs(value);
        return magnitude == 0 || magnitude is >= 1e-3 and <= 1e7;
    }
}
