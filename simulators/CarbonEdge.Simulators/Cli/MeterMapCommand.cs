using System.CommandLine;
using System.Text.Json;
using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Simulators.Meters;
using Spectre.Console;

namespace CarbonEdge.Simulators.Cli;

/// <summary><c>cedge-sim meter map [--gateway-points]</c>: the simulated meter's register map, as a table or as the
/// <c>points</c> list of a gateway device config.</summary>
internal static class MeterMapCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--gateway-points") { Description = "Print the points list for a cedge gateway config (JSON) instead of a table" };
        var command = new Command("map", "Show the simulated meter's Modbus register map") { json };
        command.SetAction(result =>
        {
            if (result.GetValue(json))
            {
                var points = GatewayPoints.Create();
                Console.WriteLine(points.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            var table = new Table().AddColumns("function", "address", "registers", "type", "order", "point", "unit", "scale");
            foreach (var r in MeterRegisters.Map)
            {
                table.AddRow($"{r.Function:00}", r.Address.ToString(), ModbusValueCodec.RegisterCount(r.Type).ToString(),
                    ModbusValueCodec.TypeName(r.Type), "ABCD", r.Point, Points.UnitOf(r.Point), r.Scale.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
