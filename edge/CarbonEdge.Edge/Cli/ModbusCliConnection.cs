using System.CommandLine;
using CarbonEdge.Edge.Devices;
using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Modbus.Transport;

namespace CarbonEdge.Edge.Cli;

/// <summary>
/// The connection options of one Modbus driver on the command line (<c>modbus-tcp</c> and <c>modbus-rtutcp</c>:
/// --host/--port; <c>modbus-rtu</c>: --port DEVICE --baud --parity --stop) and the transport they describe.
/// Shared by read, scan and probe-order.
/// </summary>
internal sealed class ModbusCliConnection
{
    private readonly Option<string>? _host;
    private readonly Option<int>? _tcpPort;
    private readonly Option<string>? _serialPort;
    private readonly Option<int>? _baud;
    private readonly Option<string>? _parity;
    private readonly Option<int>? _stop;

    private ModbusCliConnection(string driver)
    {
        Driver = driver;
        if (driver == "modbus-rtu")
        {
            _serialPort = new Option<string>("--port") { Description = "Serial device, e.g. /dev/ttyUSB0", Required = true };
            _baud = new Option<int>("--baud") { Description = "Baud rate, 1200-115200", DefaultValueFactory = _ => 9600 };
            _baud.AcceptOnlyFromAmong("1200", "2400", "4800", "9600", "19200", "38400", "57600", "115200");
            _parity = new Option<string>("--parity") { Description = "Parity: N, E or O", DefaultValueFactory = _ => "N" };
            _parity.AcceptOnlyFromAmong("N", "E", "O", "n", "e", "o");
            _stop = new Option<int>("--stop") { Description = "Stop bits: 1 or 2", DefaultValueFactory = _ => 1 };
            _stop.AcceptOnlyFromAmong("1", "2");
        }
        else
        {
            _host = new Option<string>("--host") { Description = "Device or serial device server host name or IP address", Required = true };
            _tcpPort = new Option<int>("--port") { Description = "TCP port", DefaultValueFactory = _ => TcpChannelOptions.DefaultPort };
        }
    }

    /// <summary>modbus-tcp, modbus-rtu or modbus-rtutcp.</summary>
    public string Driver { get; }

    /// <summary>--unit: the unit id (slave address).</summary>
    public Option<int> Unit { get; } = new("--unit", "-u") { Description = "Unit id (slave address), 0-247", DefaultValueFactory = _ => 1 };

    /// <summary>--timeout: response timeout in ms.</summary>
    public Option<int> Timeout { get; } = new("--timeout") { Description = "Response timeout in ms", DefaultValueFactory = _ => 1000 };

    /// <summary>The drivers the command line knows.</summary>
    public static IReadOnlyList<string> Drivers => DeviceFactory.Drivers;

    /// <summary>The options of <paramref name="driver"/>.</summary>
    public static ModbusCliConnection For(string driver) => new(driver);

    /// <summary>Adds the connection options (and --unit, --timeout) to <paramref name="command"/>.</summary>
    public void AddTo(Command command, bool withUnit = true)
    {
        foreach (Option? option in new Option?[] { _host, _tcpPort, _serialPort, _baud, _parity, _stop })
        {
            if (option is not null) command.Options.Add(option);
        }
        if (withUnit) command.Options.Add(Unit);
        command.Options.Add(Timeout);
    }

    /// <summary>A description of the target for messages, e.g. <c>tcp 127.0.0.1:502</c>.</summary>
    public string Describe(ParseResult result) => _serialPort is not null
        ? Serial(result).ToString()
        : $"{(Driver == "modbus-rtutcp" ? "rtu over tcp" : "tcp")} {result.GetValue(_host!)}:{result.GetValue(_tcpPort!)}";

    /// <summary>Creates the transport the options describe (not connected yet).</summary>
    public IModbusTransport CreateTransport(ParseResult result, TimeSpan? timeout = null)
    {
        var responseTimeout = timeout ?? TimeSpan.FromMilliseconds(result.GetValue(Timeout));
        if (_serialPort is not null) return ModbusRtuTransport.OverSerial(Serial(result), responseTimeout);
        var endpoint = new TcpChannelOptions { Host = result.GetValue(_host!)!, Port = result.GetValue(_tcpPort!), ReconnectDelay = TimeSpan.Zero };
        return Driver == "modbus-rtutcp"
            ? new ModbusRtuTransport(new TcpChannel(endpoint), new ModbusRtuTransportOptions { ResponseTimeout = responseTimeout })
            : new ModbusTcpTransport(endpoint, new ModbusTcpTransportOptions { ResponseTimeout = responseTimeout });
    }

    /// <summary>The unit id, checked.</summary>
    public byte UnitId(ParseResult result) =>
        result.GetValue(Unit) is int unit and >= 0 and <= 255 ? (byte)unit : throw new ArgumentException("--unit must be 0-255");

    private SerialPortOptions Serial(ParseResult result) => new()
    {
        Path = result.GetValue(_serialPort!)!,
        Baud = result.GetValue(_baud!),
        Parity = DeviceFactory.ParseParity("cli", result.GetValue(_parity!)!),
        StopBits = result.GetValue(_stop!),
    };
}
