using System.CommandLine;
using System.Globalization;
using System.Net;
using CarbonEdge.Protocols.Modbus.Server;
using CarbonEdge.Simulators.Meters;

namespace CarbonEdge.Simulators.Cli;

/// <summary>
/// <c>cedge-sim meter modbus-tcp --listen 127.0.0.1:PORT --unit 1 --profile FILE [--speed X]</c>: a three-phase meter
/// replaying the load profile, served over Modbus TCP (register map: docs/simulated-meter.md; <c>cedge-sim meter map</c>).
/// </summary>
internal static class MeterCommand
{
    public static Command Create()
    {
        var meter = new Command("meter", "Simulated three-phase electricity meters");
        meter.Subcommands.Add(CreateModbusTcp());
        meter.Subcommands.Add(MeterMapCommand.Create());
        return meter;
    }

    private static Command CreateModbusTcp()
    {
        var listen = new Option<string>("--listen") { Description = "Address to serve on, HOST:PORT (e.g. 127.0.0.1:5020)", Required = true };
        var unit = new Option<byte>("--unit") { Description = "Modbus unit id (1-247, default 1)", DefaultValueFactory = _ => 1 };
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per real second (default 1)", DefaultValueFactory = _ => 1.0 };
        var meterOptions = new MeterOptions();
        var command = new Command("modbus-tcp", "Serve a simulated meter over Modbus TCP") { listen, unit, speed };
        meterOptions.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!IPEndPoint.TryParse(result.GetValue(listen)!, out var endpoint) || endpoint.Port == 0)
            {
                Console.Error.WriteLine($"error: --listen '{result.GetValue(listen)}' is not HOST:PORT (e.g. 127.0.0.1:5020)");
                return 2;
            }
            MeterModel model;
            try
            {
                model = new MeterModel(meterOptions.LoadProfile(result), meterOptions.Settings(result));
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or InvalidDataException or TimeZoneNotFoundException)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 2;
            }
            byte unitId = result.GetValue(unit);
            var clock = new SimulationClock(TimeProvider.System, result.GetValue(speed));
            var store = new MeterDataStore(new Dictionary<byte, MeterModel> { [unitId] = model }, clock);
            await using var server = new ModbusTcpServer(store);
            try
            {
                server.Start(endpoint);
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                Console.Error.WriteLine($"error: cannot listen on {endpoint}: {ex.Message}");
                return 1;
            }
            Console.WriteLine($"meter unit {unitId} serving Modbus TCP on {server.LocalEndPoint} (scale {model.Settings.Scale}, day offset {model.Settings.DayOffset}, speed {clock.Speed}x); Ctrl-C stops");
            try
            {
                do
                {
                    var s = model.At(clock.Now);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{clock.Now:yyyy-MM-dd HH:mm:ss}Z  P {s.PowerKw,9:F2} kW  E {s.EnergyImportKwh,14:F2} kWh  PF {s.PowerFactor:F3}  reads {store.Reads}"));
                    await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
                } while (true);
            }
            catch (OperationCanceledException)
            {
                return 0;
            }
        });
        return command;
    }
}
