using System.CommandLine;
using System.Net;
using CarbonEdge.Edge.Devices;
using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Dlt645.Client;
using CarbonEdge.Protocols.Dlt645.Data;

namespace CarbonEdge.Edge.Cli;

/// <summary>
/// The connection options of <c>cedge read|scan dlt645</c>: a serial line (<c>--port PATH --baud --parity</c>, 8 data
/// bits, 1 stop bit) or a transparent serial server (<c>--tcp HOST:PORT</c>), <c>--version 2007|1997</c>,
/// <c>--preamble N</c> and <c>--timeout</c>; and the client they describe.
/// </summary>
internal sealed class Dlt645CliConnection
{
    public Option<string?> Port { get; } = new("--port") { Description = "Serial device, e.g. /dev/ttyUSB0" };
    public Option<int> Baud { get; } = new("--baud") { Description = "Baud rate (default 2400 for 2007, 1200 for 1997)" };
    public Option<string> Parity { get; } = new("--parity") { Description = "Parity: E (meters' default), N or O", DefaultValueFactory = _ => "E" };
    public Option<string?> Tcp { get; } = new("--tcp") { Description = "HOST:PORT of a transparent serial server or DTU, instead of --port" };
    public Option<string> Version { get; } = new("--version") { Description = "Protocol edition: 2007 (default) or 1997", DefaultValueFactory = _ => "2007" };
    public Option<int> Preamble { get; } = new("--preamble") { Description = "Wake-up bytes FEH before each request, 0-4 (default 4)", DefaultValueFactory = _ => Dlt645ClientOptions.DefaultPreamble };
    public Option<int> Timeout { get; } = new("--timeout") { Description = "Response timeout in ms (default 1000)", DefaultValueFactory = _ => 1000 };

    public Dlt645CliConnection()
    {
        Parity.AcceptOnlyFromAmong("N", "E", "O", "n", "e", "o");
        Version.AcceptOnlyFromAmong("2007", "1997");
        Baud.AcceptOnlyFromAmong("1200", "2400", "4800", "9600", "19200", "38400", "57600", "115200");
    }

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Port, Baud, Parity, Tcp, Version, Preamble, Timeout }) command.Options.Add(option);
    }

    /// <summary>The edition asked for.</summary>
    public Dlt645Version EditionOf(ParseResult result) => result.GetValue(Version) == "1997" ? Dlt645Version.V1997 : Dlt645Version.V2007;

    /// <summary>Checks the options; a problem to print, or null.</summary>
    public string? Validate(ParseResult result)
    {
        if (result.GetValue(Port) is null == result.GetValue(Tcp) is null) return "give exactly one of --port PATH (serial) and --tcp HOST:PORT";
        if (result.GetValue(Tcp) is { } tcp && (!IPEndPoint.TryParse(tcp, out var endpoint) || endpoint.Port == 0) && !TrySplitHost(tcp, out _, out _)) return $"--tcp '{tcp}' is not HOST:PORT";
        if (result.GetValue(Preamble) is < 0 or > 4) return "--preamble must be 0-4";
        if (result.GetValue(Timeout) < 1) return "--timeout must be at least 1 ms";
        return null;
    }

    /// <summary>E.g. <c>/dev/ttyUSB0 2400 8E1</c> or <c>tcp 10.0.0.5:8899</c>.</summary>
    public string Describe(ParseResult result) => result.GetValue(Tcp) is { } tcp ? $"tcp {tcp}" : Serial(result).ToString();

    /// <summary>The client the options describe (nothing opened yet).</summary>
    public Dlt645Client CreateClient(ParseResult result, int retries = 1)
    {
        var options = new Dlt645ClientOptions
        {
            Preamble = result.GetValue(Preamble),
            ResponseTimeout = TimeSpan.FromMilliseconds(result.GetValue(Timeout)),
            Retries = retries,
        };
        IByteChannel channel = result.GetValue(Tcp) is { } tcp && TrySplitHost(tcp, out string host, out int port)
            ? new TcpChannel(new TcpChannelOptions { Host = host, Port = port, ReconnectDelay = TimeSpan.Zero })
            : new SerialChannel(Serial(result));
        return new Dlt645Client(channel, options);
    }

    private SerialPortOptions Serial(ParseResult result) => new()
    {
        Path = result.GetValue(Port)!,
        Baud = result.GetValue(Baud) is > 0 and var baud ? baud : EditionOf(result) == Dlt645Version.V2007 ? 2400 : 1200,
        Parity = DeviceFactory.ParseParity("cli", result.GetValue(Parity)!),
    };

    private static bool TrySplitHost(string text, out string host, out int port)
    {
        int colon = text.LastIndexOf(':');
        host = colon > 0 ? text[..colon] : "";
        return int.TryParse(text.AsSpan(colon + 1), out port) && colon > 0 && port is > 0 and < 65536;
    }
}
