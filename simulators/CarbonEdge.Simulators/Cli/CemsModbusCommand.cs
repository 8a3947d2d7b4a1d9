using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CarbonEdge.Protocols.Modbus.Server;
using CarbonEdge.Simulators.Cems;
using CarbonEdge.Simulators.Meters;

namespace CarbonEdge.Simulators.Cli;

/// <summary>
/// <c>cedge-sim cems modbus-tcp --listen HOST:PORT [--unit-id N] [--speed X]</c>: the simulated stack's analyzer
/// (the <see cref="StackModel"/> the HJ 212 unit reports) served over Modbus TCP with the CEMS profile
/// (<see cref="CemsRegisters"/>, docs/cems-modbus.md). Prints a status line every 10 s until Ctrl-C.
/// </summary>
internal static class CemsModbusCommand
{
    /// <summary>Time zone of the stack's daily load profile, as the HJ 212 unit's clock.</summary>
    private const string TimeZone = "Asia/Shanghai";

    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "Address to serve on, HOST:PORT (e.g. 127.0.0.1:5021)", Required = true };
        var unit = new Option<int>("--unit-id") { Description = "Modbus unit id (1-247, default 1)", DefaultValueFactory = _ => 1 };
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per real second (default 1)", DefaultValueFactory = _ => 1.0 };
        var command = new Command("modbus-tcp", "Serve the simulated stack's CEMS analyzer over Modbus TCP (float32 holding registers, CDAB)") { listen, unit, speed };
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            if (!IPEndPoint.TryParse(result.GetValue(listen)!, out var endpoint) || endpoint.Port == 0)
            {
                await Console.Error.WriteLineAsync($"error: --listen '{result.GetValue(listen)}' is not HOST:PORT (e.g. 127.0.0.1:5021)");
                return 2;
            }
            int unitId = result.GetValue(unit);
            if (unitId is < 1 or > 247 || result.GetValue(speed) is not (> 0 and < double.PositiveInfinity))
            {
                await Console.Error.WriteLineAsync("error: --unit-id must be 1-247 and --speed a positive number");
                return 2;
            }
            var clock = new SimulationClock(TimeProvider.System, result.GetValue(speed));
            var store = new CemsDataStore((byte)unitId, clock, TimeZoneInfo.FindSystemTimeZoneById(TimeZone));
            await using var server = new ModbusTcpServer(store);
            try
            {
                server.Start(endpoint);
            }
            catch (SocketException ex)
            {
                await Console.Error.WriteLineAsync($"error: cannot listen on {endpoint}: {ex.Message}; pick a free port");
                return 1;
            }
            Console.WriteLine($"CEMS analyzer unit {unitId} serving Modbus TCP on {server.LocalEndPoint} (speed {clock.Speed}x); Ctrl-C stops");
            try
            {
                while (true)
                {
                    var s = store.Now;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{clock.Now:yyyy-MM-dd HH:mm:ss}Z  CO2 {s.Co2PercentDry:F2} %  O2 {s.O2PercentDry:F2} %  Q {s.FlowStdDryM3PerHour,9:F0} m3/h std dry  t {s.TemperatureC:F1} degC  reads {store.Reads}  requests {server.Statistics.Requests}"));
                    await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                return 0;
            }
        });
        return command;
    }
}
