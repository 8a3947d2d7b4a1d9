using System.Globalization;
using CarbonEdge.Edge.Config;
using CarbonEdge.Edge.Devices.Dlt645;
using CarbonEdge.Edge.Devices.Modbus;
using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Dlt645.Client;
using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;
using CarbonEdge.Protocols.Modbus.Client;
using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Modbus.Pdu;
using CarbonEdge.Protocols.Modbus.Transport;
using CarbonEdge.Protocols.Telemetry;
using Microsoft.Extensions.Logging;

namespace CarbonEdge.Edge.Devices;

/// <summary>
/// Creates the device driver a <see cref="DeviceOptions"/> names. Devices on the same serial port share one
/// <see cref="BusLine"/> whatever their protocol (DL/T 645 meters and Modbus RTU devices on one RS-485 bus: one channel,
/// one request at a time, turns in arrival order), which <see cref="SerialBuses"/> keeps; devices on the same host and
/// port share one transport. Keep one factory for the life of the gateway. Disposing a device releases its share.
/// </summary>
internal sealed class DeviceFactory(TimeProvider time, ILoggerFactory loggers, SerialBuses? serialBuses = null)
{
    /// <summary>The drivers there are.</summary>
    public static readonly IReadOnlyList<string> Drivers = ["modbus-tcp", "modbus-rtu", "modbus-rtutcp"];

    private readonly SharedTransports<IModbusTransport> _transports = new();
    private readonly SharedTransports<Dlt645Client> _dlt645Connections = new();

    /// <summary>The serial buses the devices are on.</summary>
    public SerialBuses SerialBuses { get; } = serialBuses ?? new SerialBuses(time, loggers);

    /// <summary>Creates the device; nothing connects until its first poll.</summary>
    /// <exception cref="DeviceConfigException">Unknown driver, missing or contradictory settings, or a point that cannot be read.</exception>
    public IDevice Create(DeviceOptions options) => options.Driver switch
    {
        _ when options.Bus is not null && options.Driver is not ("modbus-rtu" or "dlt645") =>
            throw new DeviceConfigException(options.Id, $"driver {options.Driver} is not on a serial bus; 'bus' is for modbus-rtu and dlt645 devices"),
        "modbus-tcp" or "modbus-rtu" or "modbus-rtutcp" => CreateModbus(options),
        "dlt645" => CreateDlt645(options),
        _ => throw new DeviceConfigException(options.Id, $"unknown driver '{options.Driver}' (known: {string.Join(", ", Drivers)}, dlt645)"),
    };

    private ModbusDevice CreateModbus(DeviceOptions options)
    {
        var modbus = options.Modbus ?? throw new DeviceConfigException(options.Id, $"driver {options.Driver} needs a 'modbus' section");
        var points = options.Points.Select(p => ResolvePoint(options.Id, modbus, p)).ToArray();
        if (points.Length == 0) throw new DeviceConfigException(options.Id, "has no points");
        var (transport, lease) = AcquireTransport(options, modbus);
        try
        {
            var plan = new ReadPlanOptions { MaxRegisters = modbus.MaxRegistersPerRead, MaxBits = modbus.MaxBitsPerRead, MaxGap = modbus.GapFill };
            var policy = new ModbusDevicePolicy(modbus.Retries, modbus.OfflineAfter, TimeSpan.FromMilliseconds(modbus.BackoffMs),
                TimeSpan.FromMilliseconds(Math.Max(modbus.BackoffMs, modbus.MaxBackoffMs)));
            return new ModbusDevice(options.Id, TimeSpan.FromMilliseconds(options.IntervalMs), new ModbusClient(transport), (byte)modbus.UnitId,
                points, plan, policy, time, loggers.CreateLogger($"CarbonEdge.Edge.Devices.{options.Id}"), lease);
        }
        catch (ArgumentException ex)
        {
            _ = lease.DisposeAsync();
            throw new DeviceConfigException(options.Id, ex.Message);
        }
    }

    private (IModbusTransport, IAsyncDisposable) AcquireTransport(DeviceOptions device, ModbusDeviceOptions modbus)
    {
        string deviceId = device.Id, driver = device.Driver;
        var responseTimeout = TimeSpan.FromMilliseconds(modbus.TimeoutMs);
        if (driver == "modbus-rtu")
        {
            SerialPortOptions port;
            if (device.Bus is { } bus)
            {
                port = SerialBuses.Named(deviceId, bus);
            }
            else
            {
                if (string.IsNullOrWhiteSpace(modbus.SerialPort)) throw new DeviceConfigException(deviceId, "driver modbus-rtu needs bus (a name from serialBuses) or modbus.serialPort (e.g. /dev/ttyUSB0)");
                port = new SerialPortOptions
                {
                    Path = modbus.SerialPort,
                    Baud = BaudOf(deviceId, modbus.Baud),
                    DataBits = modbus.DataBits,
                    Parity = ParseParity(deviceId, modbus.Parity),
                    StopBits = modbus.StopBits,
                };
            }
            var (line, lease) = SerialBuses.Acquire(deviceId, port);
            return (new ModbusRtuTransport(line, new ModbusRtuTransportOptions
            {
                ResponseTimeout = responseTimeout,
                FrameGap = port.FrameGap,
                InterFrameDelay = TimeSpan.FromMilliseconds(modbus.InterFrameDelayMs),
                TurnaroundDelay = TimeSpan.FromMilliseconds(modbus.TurnaroundDelayMs),
            }, time), lease);
        }
        if (string.IsNullOrWhiteSpace(modbus.Host)) throw new DeviceConfigException(deviceId, $"driver {driver} needs modbus.host");
        var channel = new TcpChannelOptions
        {
            Host = modbus.Host,
            Port = modbus.Port,
            ConnectTimeout = TimeSpan.FromMilliseconds(modbus.ConnectTimeoutMs),
        };
        string settings = string.Create(CultureInfo.InvariantCulture, $"timeout {modbus.TimeoutMs} ms, connect timeout {modbus.ConnectTimeoutMs} ms");
        return driver == "modbus-rtutcp"
            ? _transports.Acquire($"rtu over tcp {modbus.Host}:{modbus.Port}", settings, deviceId, () => new ModbusRtuTransport(new TcpChannel(channel, time),
                new ModbusRtuTransportOptions { ResponseTimeout = responseTimeout, InterFrameDelay = TimeSpan.FromMilliseconds(modbus.InterFrameDelayMs),
                    TurnaroundDelay = TimeSpan.FromMilliseconds(modbus.TurnaroundDelayMs) }, time))
            : _transports.Acquire($"tcp {modbus.Host}:{modbus.Port}", settings, deviceId,
                () => new ModbusTcpTransport(channel, new ModbusTcpTransportOptions { ResponseTimeout = responseTimeout }, time));
    }

    private Dlt645Device CreateDlt645(DeviceOptions options)
    {
        var settings = options.Dlt645 ?? throw new DeviceConfigException(options.Id, "driver dlt645 needs a 'dlt645' section");
        if (!Dlt645Address.TryParse(settings.Address, out var address)) throw new DeviceConfigException(options.Id, $"dlt645.address '{settings.Address}' is not 12 digits");
        var version = settings.Version == "1997" ? Dlt645Version.V1997 : settings.Version == "2007" ? Dlt645Version.V2007
            : throw new DeviceConfigException(options.Id, $"dlt645.version '{settings.Version}' is not 2007 or 1997");
        var points = options.Points.Select(p => (p.Point, Dlt645Device.IdentifierOf(p.Point, version)
            ?? throw new DeviceConfigException(options.Id, $"point '{p.Point}' has no DL/T 645-{(version == Dlt645Version.V2007 ? 2007 : 1997)} data identifier (docs/dlt645.md)"))).ToArray();
        if (points.Length == 0 && !settings.FrozenDaily && settings.ClockCheckS == 0) throw new DeviceConfigException(options.Id, "has no points");
        var clientOptions = new Dlt645ClientOptions
        {
            Preamble = settings.Preamble, ResponseTimeout = TimeSpan.FromMilliseconds(settings.TimeoutMs), Retries = settings.Retries,
            InterFrameDelay = TimeSpan.FromMilliseconds(settings.InterFrameDelayMs),
        };
        string line = string.Create(CultureInfo.InvariantCulture, $"dlt645, preamble {settings.Preamble}, timeout {settings.TimeoutMs} ms, retries {settings.Retries}, quiet {settings.InterFrameDelayMs} ms");
        (Dlt645Client Client, IAsyncDisposable Lease) bus;
        if (options.Bus is not null || !string.IsNullOrWhiteSpace(settings.SerialPort))
        {
            var port = options.Bus is { } name ? SerialBuses.Named(options.Id, name) : new SerialPortOptions
            {
                Path = settings.SerialPort!,
                Baud = BaudOf(options.Id, settings.Baud > 0 ? settings.Baud : version == Dlt645Version.V2007 ? 2400 : 1200),
                Parity = ParseParity(options.Id, settings.Parity),
            };
            var (serial, lease) = SerialBuses.Acquire(options.Id, port);
            bus = (new Dlt645Client(serial, clientOptions, time), lease);
        }
        else if (!string.IsNullOrWhiteSpace(settings.Host))
        {
            var endpoint = new TcpChannelOptions { Host = settings.Host, Port = settings.Port };
            bus = _dlt645Connections.Acquire($"tcp {settings.Host}:{settings.Port}", line, options.Id, () => new Dlt645Client(new TcpChannel(endpoint, time), clientOptions, time));
        }
        else
        {
            throw new DeviceConfigException(options.Id, "driver dlt645 needs bus (a name from serialBuses), dlt645.serialPort (e.g. /dev/ttyUSB0) or dlt645.host");
        }
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.Zone);
            var clock = new Dlt645ClockPolicy(TimeSpan.FromSeconds(settings.ClockCheckS), TimeSpan.FromSeconds(settings.ClockSyncThresholdS), zone);
            return new Dlt645Device(options.Id, TimeSpan.FromMilliseconds(options.IntervalMs), bus.Client, address, points, settings.FrozenDaily && version == Dlt645Version.V2007 ? settings.FrozenBackfillDays : 0,
                clock, time, loggers.CreateLogger($"CarbonEdge.Edge.Devices.{options.Id}"), bus.Lease);
        }
        catch (TimeZoneNotFoundException)
        {
            _ = bus.Lease.DisposeAsync();
            throw new DeviceConfigException(options.Id, $"dlt645.zone '{settings.Zone}' is not a time zone (e.g. Asia/Shanghai)");
        }
    }

    /// <summary>One of the baud rates a serial channel takes.</summary>
    internal static int BaudOf(string deviceId, int baud) =>
        baud is 1200 or 2400 or 4800 or 9600 or 19200 or 38400 or 57600 or 115200
            ? baud
            : throw new DeviceConfigException(deviceId, $"baud {baud} is not one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200");

    /// <summary>N, E or O (any case).</summary>
    internal static SerialParity ParseParity(string deviceId, string parity) => parity.ToUpperInvariant() switch
    {
        "N" => SerialParity.None,
        "E" => SerialParity.Even,
        "O" => SerialParity.Odd,
        _ => throw new DeviceConfigException(deviceId, $"parity '{parity}' is not N, E or O"),
    };

    private static ModbusPoint ResolvePoint(string deviceId, ModbusDeviceOptions modbus, PointOptions point)
    {
        if (!Points.TryGet(point.Point, out _)) throw new DeviceConfigException(deviceId, $"point '{point.Point}' is not in the telemetry point catalog");
        if (!ModbusValueCodec.TryParseType(point.Type, out var type) || type == ModbusDataType.String)
        {
            throw new DeviceConfigException(deviceId, $"point '{point.Point}': type '{point.Type}' is not a numeric type (bit, int16, uint16, int32, uint32, int64, uint64, float32, float64, bcd16, bcd32)");
        }
        if (!Enum.TryParse<WordOrder>(point.Order, ignoreCase: true, out var order) || !Enum.IsDefined(order))
        {
            throw new DeviceConfigException(deviceId, $"point '{point.Point}': order '{point.Order}' is not ABCD, CDAB, BADC or DCBA");
        }
        if (point.Function is < 1 or > 4) throw new DeviceConfigException(deviceId, $"point '{point.Point}': function {point.Function} does not read (1, 2, 3 or 4)");
        var function = (ModbusFunctionCode)point.Function;
        if (function is ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs && type != ModbusDataType.Bit)
        {
            throw new DeviceConfigException(deviceId, $"point '{point.Point}': function {point.Function} reads bits; use type bit");
        }
        int address = point.Address - modbus.AddressBase;
        if (address is < 0 or > 0xFFFF)
        {
            throw new DeviceConfigException(deviceId, $"point '{point.Point}': address {point.Address} is outside {modbus.AddressBase}-{0xFFFF + modbus.AddressBase} (addressBase {modbus.AddressBase})");
        }
        return new ModbusPoint(point.Point, function, (ushort)address, type, order, point.Bit, point.Scale, point.Offset);
    }
}
