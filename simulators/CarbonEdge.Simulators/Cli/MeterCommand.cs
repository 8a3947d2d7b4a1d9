using System.CommandLine;
using System.Globalization;
using System.Net;
using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Modbus.Server;
using CarbonEdge.Protocols.Modbus;
using CarbonEdge.Simulators.Meters;

namespace CarbonEdge.Simulators.Cli;

/// <summary>
/// <c>cedge-sim meter modbus-tcp|modbus-rtutcp --listen 127.0.0.1:PORT</c> and <c>cedge-sim meter modbus-rtu --port
/// /dev/ttyX [--baud 9600 --parity N --stop 1]</c>, with <c>--unit 1 --profile FILE [--speed X]</c>: a three-phase meter
/// replaying the load profile, served over Modbus TCP, RTU over TCP or RTU on a serial line (register map:
/// docs/simulated-meter.md; <c>cedge-sim meter map</c>), misbehaving as the fault options ask (<see cref="FaultOptions"/>).
/// </summary>
internal static class MeterCommand
{
    public static Command Create()
    {
        var meter = new Command("meter", "Simulated three-phase electricity meters");
        meter.Subcommands.Add(CreateTcp("modbus-tcp", "Serve a simulated meter over Modbus TCP", ModbusTcpFraming.Mbap));
        meter.Subcommands.Add(CreateTcp("modbus-rtutcp", "Serve a simulated meter as RTU frames over TCP (as a serial device server passes them)", ModbusTcpFraming.Rtu));
        meter.Subcommands.Add(CreateRtu());
        meter.Subcommands.Add(Dlt645MeterCommand.Create());
        meter.Subcommands.Add(MeterMapCommand.Create());
        return meter;
    }

    private static Command CreateTcp(string name, string description, ModbusTcpFraming framing)
    {
        var listen = new Option<string>("--listen") { Description = "Address to serve on, HOST:PORT (e.g. 127.0.0.1:5020)", Required = true };
        return CreateServing(name, description, [listen], framing == ModbusTcpFraming.Rtu, (result, store, faults) =>
        {
            if (!IPEndPoint.TryParse(result.GetValue(listen)!, out var endpoint) || endpoint.Port == 0)
            {
                throw new ArgumentException($"--listen '{result.GetValue(listen)}' is not HOST:PORT (e.g. 127.0.0.1:5020)");
            }
            var server = new ModbusTcpServer(store, new ModbusServerOptions { Framing = framing, Faults = faults });
            try
            {
                server.Start(endpoint);
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                _ = server.DisposeAsync();
                throw new ModbusConnectionException($"cannot listen on {endpoint}: {ex.Message}", ex);
            }
            string what = framing == ModbusTcpFraming.Mbap ? "Modbus TCP" : "RTU over TCP";
            return Task.FromResult(new Served(server, $"{what} on {server.LocalEndPoint}", server.Statistics));
        });
    }

    private static Command CreateRtu()
    {
        var port = new Option<string>("--port") { Description = "Serial device to serve on, e.g. /dev/ttyUSB0 or one end of a socat pty pair", Required = true };
        var baud = new Option<int>("--baud") { Description = "Baud rate, 1200-115200 (default 9600)", DefaultValueFactory = _ => 9600 };
        baud.AcceptOnlyFromAmong("1200", "2400", "4800", "9600", "19200", "38400", "57600", "115200");
        var parity = new Option<string>("--parity") { Description = "Parity: N, E or O (default N; a pty accepts only N)", DefaultValueFactory = _ => "N" };
        parity.AcceptOnlyFromAmong("N", "E", "O", "n", "e", "o");
        var stop = new Option<int>("--stop") { Description = "Stop bits: 1 or 2 (default 1)", DefaultValueFactory = _ => 1 };
        stop.AcceptOnlyFromAmong("1", "2");
        return CreateServing("modbus-rtu", "Serve a simulated meter over Modbus RTU on a serial line", [port, baud, parity, stop], hasCrc: true,
            async (result, store, faults) =>
            {
                var line = new SerialPortOptions
                {
                    Path = result.GetValue(port)!,
                    Baud = result.GetValue(baud),
                    Parity = char.ToUpperInvariant(result.GetValue(parity)![0]) switch { 'E' => SerialParity.Even, 'O' => SerialParity.Odd, _ => SerialParity.None },
                    StopBits = result.GetValue(stop),
                };
                var server = new ModbusRtuServer(new SerialChannel(line), store, line.FrameGap, faults);
                try
                {
                    await server.StartAsync();
                }
                catch
                {
                    await server.DisposeAsync();
                    throw;
                }
                return new Served(server, $"Modbus RTU on {line}", server.Statistics);
            });
    }

    /// <summary>A running server: what stops it, where it serves, its counters.</summary>
    private sealed record Served(IAsyncDisposable Server, string Where, ModbusServerStatistics Statistics);

    /// <summary>
    /// A <c>meter</c> subcommand: the transport's options plus --unit, --speed, the meter options and the fault options;
    /// <paramref name="start"/> starts the server (throwing <see cref="ArgumentException"/> for a bad option,
    /// <see cref="ModbusConnectionException"/> when it cannot listen or open the port). Prints a status line every 10 s
    /// until Ctrl-C.
    /// </summary>
    private static Command CreateServing(string name, string description, Option[] transport, bool hasCrc,
        Func<ParseResult, MeterDataStore, ModbusServerFaults, Task<Served>> start)
    {
        var unit = new Option<byte>("--unit") { Description = "Modbus unit id (1-247, default 1)", DefaultValueFactory = _ => 1 };
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per real second (default 1)", DefaultValueFactory = _ => 1.0 };
        var meterOptions = new MeterOptions();
        var faultOptions = new FaultOptions();
        var command = new Command(name, description);
        foreach (var option in transport) command.Options.Add(option);
        command.Options.Add(unit);
        command.Options.Add(speed);
        meterOptions.AddTo(command);
        faultOptions.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            byte unitId = result.GetValue(unit);
            if (unitId is 0 or > 247)
            {
                Console.Error.WriteLine($"error: --unit must be 1-247, got {unitId}");
                return 2;
            }
            var faults = faultOptions.Create(result, hasCrc, out string? problem);
            if (faults is null)
            {
                Console.Error.WriteLine($"error: {problem}");
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
            var clock = new SimulationClock(TimeProvider.System, result.GetValue(speed));
            var store = new MeterDataStore(new Dictionary<byte, MeterModel> { [unitId] = model }, clock);
            Served served;
            try
            {
                served = await start(result, store, faults);
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 2;
            }
            catch (ModbusConnectionException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 1;
            }
            await using var server = served.Server;
            Console.WriteLine($"meter unit {unitId} serving {served.Where} (scale {model.Settings.Scale}, day offset {model.Settings.DayOffset}, speed {clock.Speed}x); faults: {FaultOptions.Describe(faults)}; Ctrl-C stops");
            try
            {
                do
                {
                    var s = model.At(clock.Now);
                    var stats = served.Statistics;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{clock.Now:yyyy-MM-dd HH:mm:ss}Z  P {s.PowerKw,9:F2} kW  E {s.EnergyImportKwh,14:F2} kWh  PF {s.PowerFactor:F3}  reads {store.Reads}  requests {stats.Requests}  unanswered {stats.Unanswered}  bad frames {stats.BadFrames}"));
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
