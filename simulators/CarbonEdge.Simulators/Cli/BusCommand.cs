using System.CommandLine;
using System.Globalization;
using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;
using CarbonEdge.Simulators.Bus;
using CarbonEdge.Simulators.Meters;
using CarbonEdge.Simulators.Meters.Dlt645;

namespace CarbonEdge.Simulators.Cli;

/// <summary>
/// <c>cedge-sim bus --serial PATH --dlt645 12-DIGITS ... --modbus UNIT ... [--baud N --parity E|N|O --version 2007|1997]</c>:
/// one RS-485 bus with DL/T 645 meters and Modbus RTU meters on it, served on one serial line (<see cref="MixedBusServer"/>).
/// Every meter replays the load profile (the <c>meter</c> commands' model), each shifted by one more day so they differ.
/// </summary>
internal static class BusCommand
{
    public static Command Create()
    {
        var serial = new Option<string>("--serial") { Description = "Serial device to serve on, e.g. /dev/ttyUSB0 or one end of a socat pty pair", Required = true };
        var dlt645 = new Option<string[]>("--dlt645") { Description = "A DL/T 645 meter on the bus: its address, 12 digits (repeat for more)", AllowMultipleArgumentsPerToken = true };
        var modbus = new Option<string[]>("--modbus") { Description = "A Modbus RTU meter on the bus: its unit id, 1-247 but not 104 (repeat for more)", AllowMultipleArgumentsPerToken = true };
        var version = new Option<string>("--version") { Description = "DL/T 645 edition of the meters: 2007 (default) or 1997", DefaultValueFactory = _ => "2007" };
        version.AcceptOnlyFromAmong("2007", "1997");
        var baud = new Option<int>("--baud") { Description = "Baud rate (default 2400 for 2007 meters, 1200 for 1997)" };
        var parity = new Option<string>("--parity") { Description = "Parity N, E or O (default E as meters use; a pty accepts only N)", DefaultValueFactory = _ => "E" };
        parity.AcceptOnlyFromAmong("N", "E", "O", "n", "e", "o");
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per real second (default 1)", DefaultValueFactory = _ => 1.0 };
        var meterOptions = new MeterOptions();
        var command = new Command("bus", "Serve DL/T 645 meters and Modbus RTU meters together on one serial line (a mixed RS-485 bus)");
        foreach (Option option in new Option[] { serial, dlt645, modbus, version, baud, parity, speed }) command.Options.Add(option);
        meterOptions.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var addresses = new List<Dlt645Address>();
            var units = new List<byte>();
            string? problem = null;
            foreach (string text in result.GetValue(dlt645) ?? [])
            {
                if (Dlt645Address.TryParse(text, out var address)) addresses.Add(address);
                else problem ??= $"--dlt645 '{text}' is not 12 digits (e.g. 000000001234)";
            }
            foreach (string text in result.GetValue(modbus) ?? [])
            {
                if (byte.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out byte unit) && unit is >= 1 and <= 247 && unit != MixedBusServer.ReservedUnit) units.Add(unit);
                else problem ??= $"--modbus '{text}' is not a unit id 1-247 other than 104 (68H starts a DL/T 645 frame)";
            }
            if (addresses.Count + units.Count == 0) problem ??= "give at least one --dlt645 ADDRESS or --modbus UNIT";
            if (problem is not null)
            {
                Console.Error.WriteLine($"error: {problem}");
                return 2;
            }
            var edition = result.GetValue(version) == "1997" ? Dlt645Version.V1997 : Dlt645Version.V2007;
            var simulation = new SimulationClock(TimeProvider.System, result.GetValue(speed));
            var responders = new List<Dlt645MeterResponder>();
            var models = new Dictionary<byte, MeterModel>();
            try
            {
                var profile = meterOptions.LoadProfile(result);
                var settings = meterOptions.Settings(result);
                int shift = 0;
                MeterModel Next() => new(profile, settings with { DayOffset = settings.DayOffset + shift++ });
                var standardOffset = TimeZoneInfo.FindSystemTimeZoneById(settings.Zone).BaseUtcOffset;
                foreach (var address in addresses)
                {
                    var clock = new Dlt645MeterClock(simulation, standardOffset, TimeSpan.Zero);
                    responders.Add(new Dlt645MeterResponder(address, edition, new Dlt645MeterValues(Next(), clock), clock, new Dlt645MeterFaults()));
                }
                foreach (byte unit in units) models[unit] = Next();
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or InvalidDataException or TimeZoneNotFoundException)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 2;
            }
            var store = new MeterDataStore(models, simulation);
            var line = new SerialPortOptions
            {
                Path = result.GetValue(serial)!,
                Baud = result.GetValue(baud) is > 0 and var b ? b : edition == Dlt645Version.V2007 ? 2400 : 1200,
                Parity = char.ToUpperInvariant(result.GetValue(parity)![0]) switch { 'E' => SerialParity.Even, 'O' => SerialParity.Odd, _ => SerialParity.None },
            };
            await using var server = new MixedBusServer(responders, store);
            try
            {
                await server.StartAsync(new SerialChannel(line));
            }
            catch (Exception ex) when (ex is ChannelException or ArgumentOutOfRangeException)
            {
                Console.Error.WriteLine($"error: cannot serve: {ex.Message}");
                return 1;
            }
            Console.WriteLine($"bus serving on {line}: DL/T 645-{(edition == Dlt645Version.V2007 ? 2007 : 1997)} meters [{string.Join(", ", addresses)}], Modbus RTU units [{string.Join(", ", units)}], speed {simulation.Speed}x; Ctrl-C stops");
            try
            {
                while (true)
                {
                    Console.WriteLine($"{simulation.Now:yyyy-MM-dd HH:mm:ss}Z  DL/T 645 frames {server.Dlt645Requests}  Modbus requests {server.ModbusRequests}  bad frames {server.BadFrames}");
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
