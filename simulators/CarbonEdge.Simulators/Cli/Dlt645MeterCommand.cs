using System.CommandLine;
using System.Globalization;
using System.Net;
using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;
using CarbonEdge.Simulators.Meters;
using CarbonEdge.Simulators.Meters.Dlt645;

namespace CarbonEdge.Simulators.Cli;

/// <summary>
/// <c>cedge-sim meter dlt645 --serial PATH | --listen HOST:PORT --address 12-DIGITS [--version 2007|1997]</c>: a
/// three-phase meter replaying the load profile (the Modbus meter's model), answering DL/T 645 reads of every
/// catalogued DI, its daily freezes and its own clock (<c>--clock-offset-s</c>), with fault switches like the Modbus
/// meter's plus <c>--preamble N</c> and <c>--follow-up</c> (docs/dlt645.md).
/// </summary>
internal static class Dlt645MeterCommand
{
    public static Command Create()
    {
        var serial = new Option<string?>("--serial") { Description = "Serial device to serve on, e.g. /dev/ttyUSB0 or one end of a socat pty pair" };
        var listen = new Option<string?>("--listen") { Description = "Serve on TCP instead, HOST:PORT (as a transparent serial server passes the bytes)" };
        var address = new Option<string>("--address") { Description = "Meter address, 12 digits (e.g. 000000001234)", Required = true };
        var version = new Option<string>("--version") { Description = "Protocol edition: 2007 (default) or 1997", DefaultValueFactory = _ => "2007" };
        version.AcceptOnlyFromAmong("2007", "1997");
        var baud = new Option<int>("--baud") { Description = "Baud rate (default 2400 for 2007, 1200 for 1997)" };
        var parity = new Option<string>("--parity") { Description = "Parity N, E or O (default E as meters use; a pty accepts only N)", DefaultValueFactory = _ => "E" };
        parity.AcceptOnlyFromAmong("N", "E", "O", "n", "e", "o");
        var clockOffset = new Option<double>("--clock-offset-s") { Description = "The meter's clock error, s (positive: fast); default 0" };
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per real second (default 1)", DefaultValueFactory = _ => 1.0 };
        var preamble = new Option<int>("--preamble") { Description = "Wake-up bytes FEH before each reply (default 0)" };
        var followUp = new Option<bool>("--follow-up") { Description = "Answer block reads in several frames (B1H, then 12H follow-ups), two values a frame" };
        var delay = new Option<int>("--delay-ms") { Description = "Wait this many ms before each reply" };
        var silent = new Option<bool>("--silent") { Description = "Do not answer at all (masters time out)" };
        var wrongAddress = new Option<bool>("--wrong-address") { Description = "Answer with the address + 1" };
        var badChecksum = new Option<bool>("--bad-checksum") { Description = "Send replies with a corrupted check sum" };
        var errorWord = new Option<string?>("--error-word") { Description = "Answer every read with this error word, 1-255 (e.g. 2 or 0x02: no requested data)" };
        var dribble = new Option<int>("--dribble-ms") { Description = "Send replies one byte at a time, this many ms apart" };
        var pace = new Option<bool>("--pace") { Description = "Answer no faster than a real line at --baud and --parity: wait the request's and the reply's time on the wire (a pty moves bytes at once)" };
        var rate = new Option<double>("--fault-rate") { Description = "Fraction of requests the faults apply to, 0-1 (default 1: all)", DefaultValueFactory = _ => 1.0 };
        var meterOptions = new MeterOptions();
        var command = new Command("dlt645", "Serve a simulated meter over DL/T 645-2007 (or 1997) on a serial line or TCP");
        foreach (Option option in new Option[] { serial, listen, address, version, baud, parity, clockOffset, speed, preamble, followUp, delay, silent, wrongAddress, badChecksum, errorWord, dribble, rate, pace })
        {
            command.Options.Add(option);
        }
        meterOptions.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            string? problem = null;
            string? serialPath = result.GetValue(serial), endpointText = result.GetValue(listen);
            IPEndPoint? endpoint = null;
            byte word = 0;
            if (serialPath is null == endpointText is null) problem = "give exactly one of --serial PATH and --listen HOST:PORT";
            else if (endpointText is not null && (!IPEndPoint.TryParse(endpointText, out endpoint) || endpoint.Port == 0)) problem = $"--listen '{endpointText}' is not HOST:PORT (e.g. 127.0.0.1:6450)";
            else if (!Dlt645Address.TryParse(result.GetValue(address), out _)) problem = $"--address '{result.GetValue(address)}' is not 12 digits (e.g. 000000001234)";
            else if (result.GetValue(preamble) is < 0 or > 64) problem = "--preamble must be 0-64";
            else if (result.GetValue(delay) < 0 || result.GetValue(dribble) < 0) problem = "--delay-ms and --dribble-ms must be 0 or more";
            else if (result.GetValue(rate) is < 0 or > 1 || double.IsNaN(result.GetValue(rate))) problem = "--fault-rate must be 0-1";
            else if (result.GetValue(errorWord) is { } text && !TryParseByte(text, out word)) problem = $"--error-word '{text}' is not 1-255 (decimal, or hex with 0x)";
            if (problem is not null)
            {
                Console.Error.WriteLine($"error: {problem}");
                return 2;
            }
            var meterAddress = Dlt645Address.Parse(result.GetValue(address)!);
            var edition = result.GetValue(version) == "1997" ? Dlt645Version.V1997 : Dlt645Version.V2007;
            int lineBaud = result.GetValue(baud) is > 0 and var b ? b : edition == Dlt645Version.V2007 ? 2400 : 1200;
            var lineParity = char.ToUpperInvariant(result.GetValue(parity)![0]) switch { 'E' => SerialParity.Even, 'O' => SerialParity.Odd, _ => SerialParity.None };
            var lineShape = new SerialPortOptions { Path = serialPath ?? "", Baud = lineBaud, Parity = lineParity };
            var faults = new Dlt645MeterFaults
            {
                ByteTime = result.GetValue(pace) ? TimeSpan.FromSeconds((double)lineShape.BitsPerCharacter / lineBaud) : TimeSpan.Zero,
                ResponseDelay = TimeSpan.FromMilliseconds(result.GetValue(delay)),
                Silent = result.GetValue(silent),
                WrongAddress = result.GetValue(wrongAddress),
                BadChecksum = result.GetValue(badChecksum),
                ErrorWord = word,
                DribbleDelay = TimeSpan.FromMilliseconds(result.GetValue(dribble)),
                Rate = result.GetValue(rate),
                Preamble = result.GetValue(preamble),
                FollowUp = result.GetValue(followUp),
            };
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
            var simulation = new SimulationClock(TimeProvider.System, result.GetValue(speed));
            var standardOffset = TimeZoneInfo.FindSystemTimeZoneById(model.Settings.Zone).BaseUtcOffset;
            var clock = new Dlt645MeterClock(simulation, standardOffset, TimeSpan.FromSeconds(result.GetValue(clockOffset)));
            var responder = new Dlt645MeterResponder(meterAddress, edition, new Dlt645MeterValues(model, clock), clock, faults);
            await using var server = new Dlt645MeterServer(responder, faults);
            string where;
            try
            {
                if (endpoint is not null)
                {
                    server.Start(endpoint);
                    where = $"tcp {server.LocalEndPoint}";
                }
                else
                {
                    await server.StartAsync(new SerialChannel(lineShape));
                    where = lineShape.ToString();
                }
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ChannelException)
            {
                Console.Error.WriteLine($"error: cannot serve: {ex.Message}");
                return 1;
            }
            Console.WriteLine($"meter {meterAddress} (DL/T 645-{(edition == Dlt645Version.V2007 ? 2007 : 1997)}) serving {where}{(faults.ByteTime > TimeSpan.Zero ? $", paced as {lineBaud} baud {lineShape.BitsPerCharacter} bits a character" : "")}, clock offset {clock.Offset.TotalSeconds:0} s, speed {simulation.Speed}x; Ctrl-C stops");
            try
            {
                while (true)
                {
                    var s = model.At(simulation.Now);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{clock.Now:yyyy-MM-dd HH:mm:ss} (meter)  P {s.PowerKw,9:F2} kW  E {s.EnergyImportKwh,14:F2} kWh  offset {clock.Offset.TotalSeconds,6:F0} s  requests {responder.Requests}  syncs {clock.SyncsApplied} applied {clock.SyncsRefused} refused  bad frames {server.BadFrames}  unanswerable {server.Failed}"));
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

    private static bool TryParseByte(string text, out byte value)
    {
        bool parsed = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? byte.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : byte.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        return parsed && value != 0;
    }
}
