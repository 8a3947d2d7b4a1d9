using System.CommandLine;
using CarbonEdge.Protocols.Modbus.Transport;

namespace CarbonEdge.Edge.Cli;

/// <summary>
/// The connection options of one Modbus driver on the command line (<c>modbus-tcp</c>: --host/--port;
/// <c>modbus-rtu</c>: --port DEVICE --baud --parity --stop; <c>modbus-rtutcp</c>: --host/--port) and the
/// transport they describe. Shared by read, scan and probe-order.
/// </summary>
internal sealed class ModbusCliConnection
{
    private readonly Option<string>? _host;
    private readonly Option<int>? _tcpPort;

    private ModbusCliConnection(string driver)
    {
        Driver = driver;
        _host = new Option<string>("--host") { Description = "Device or serial device server host name or IP address", Required = true };
        _tcpPort = new Option<int>("--port") { Description = "TCP port", DefaultValueFactory = _ => TcpChannelOptions.DefaultPort };
    }

    /// <summary>modbus-tcp, modbus-rtu or modbus-rtutcp.</summary>
    public string Driver { get; }

    /// <summary>--unit: the unit id (slave address).</summary>
    public Option<int> Unit { get; } = new("--unit", "-u") { Description = "Unit id (slave address), 0-247", DefaultValueFactory = _ => 1 };

    /// <summary>--timeout: response timeout in ms.</summary>
    public Option<int> Timeout { get; } = new("--timeout") { Description = "Response timeout in ms", DefaultValueFactory = _ => 1000 };

    /// <summary>The drivers the command line knows.</summary>
    public static IReadOnlyList<string> Drivers => ["modbus-tcp"];

    /// <summary>The options of <paramref name="driver"/>.</summary>
    public static ModbusCliConnection For(string driver) => new(driver);

    /// <summary>Adds the connection options (and --unit, --timeout) to <paramref name="command"/>.</summary>
    public void AddTo(Command command, bool withUnit = true)
    {
        if (_host is not null) command.Options.Add(_host);
        if (_tcpPort is not null) command.Options.Add(_tcpPort);
        if (withUnit) command.Options.Add(Unit);
        command.Options.Add(Timeout);
    }

    /// <summary>A description of the target for messages, e.g. <c>tcp 127.0.0.1:502</c>.</summary>
    public string Describe(ParseResult result) => $"tcp {result.GetValue(_host!)}:{result.GetValue(_tcpPort!)}";

    /// <summary>Creates the transport the options describe (not connected yet).</summary>
    public IModbusTransport CreateTransport(ParseResult result, TimeSpan? timeout = null)
    {
        var responseTimeout = timeout ?? TimeSpan.FromMilliseconds(result.GetValue(Timeout));
        var channel = new TcpChannel(new TcpChannelOptions { Host = result.GetValue(_host!)!, Port = result.GetValue(_tcpPort!), ReconnectDelay = TimeSpan.Zero });
        return new ModbusTcpTransport(channel, new ModbusTcpTransportOptions { ResponseTimeout = responseTimeout });
    }

    /// <summary>The unit id, checked.</summary>
    public byte UnitId(ParseResult result) =>
        result.GetValue(Unit) is int unit and >= 0 and <= 255 ? (byte)unit : throw new ArgumentException("--unit must be 0-255");
}
