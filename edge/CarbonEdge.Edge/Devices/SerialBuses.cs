using CarbonEdge.Edge.Config;
using CarbonEdge.Edge.Devices.Modbus;
using CarbonEdge.Protocols.Channels;
using Microsoft.Extensions.Logging;

namespace CarbonEdge.Edge.Devices;

/// <summary>
/// The gateway's serial buses: one <see cref="BusLine"/> per port path, shared by every device on it whatever its
/// protocol (DL/T 645 meters and Modbus RTU devices: one channel, one request at a time, turns first come first served).
/// A bus is named in <c>serialBuses</c> (devices give its name as <c>bus</c>) or made by devices that give the same
/// <c>serialPort</c> (named by the path); devices on one port must agree on its line settings. A bus going down (the
/// port gone: a USB adapter pulled) or coming back is logged once per change; <see cref="All"/> feeds <c>/metrics</c>.
/// </summary>
/// <remarks>DL/T 645-2007 §7.4 and Modbus over Serial Line V1.02 §2.1 (one master, one request on the bus at a time).</remarks>
internal sealed partial class SerialBuses
{
    private readonly Dictionary<string, SerialPortOptions> _named = [];
    private readonly SharedTransports<BusLine> _lines = new();
    private readonly List<SerialBus> _all = [];
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>
    /// The buses of <paramref name="buses"/>, with a bus's default baud (0) taken from the DL/T 645 meters of
    /// <paramref name="devices"/> on it: 1200 when all are 1997 meters, else 2400.
    /// </summary>
    /// <exception cref="DeviceConfigException">A bus with a bad baud or parity, or two buses on one port.</exception>
    public SerialBuses(IReadOnlyList<SerialBusOptions> buses, IReadOnlyList<DeviceOptions> devices, TimeProvider time, ILogger<SerialBuses> logger)
    {
        _time = time;
        _logger = logger;
        foreach (var bus in buses)
        {
            var meters = devices.Where(d => d.Bus == bus.Name && d.Dlt645 is not null).ToList();
            int baud = bus.Baud > 0 ? bus.Baud : meters.Count > 0 && meters.All(d => d.Dlt645!.Version == "1997") ? 1200 : 2400;
            var port = new SerialPortOptions
            {
                Path = bus.Port,
                Baud = DeviceFactory.BaudOf($"bus {bus.Name}", baud),
                DataBits = bus.DataBits,
                Parity = DeviceFactory.ParseParity($"bus {bus.Name}", bus.Parity),
                StopBits = bus.StopBits,
            };
            if (!_named.TryAdd(bus.Name, port)) throw new DeviceConfigException($"bus {bus.Name}", "is named twice in serialBuses");
            var other = _named.FirstOrDefault(n => n.Key != bus.Name && Path.GetFullPath(n.Value.Path) == Path.GetFullPath(bus.Port));
            if (other.Key is not null) throw new DeviceConfigException($"bus {bus.Name}", $"uses port {bus.Port} as bus '{other.Key}' does; one port is one bus");
        }
    }

    /// <summary>No named buses: each device's own <c>serialPort</c> makes (or joins) the bus of that path.</summary>
    public SerialBuses(TimeProvider time, ILoggerFactory loggers) : this([], [], time, loggers.CreateLogger<SerialBuses>())
    {
    }

    /// <summary>Every bus opened so far.</summary>
    public IReadOnlyList<SerialBus> All
    {
        get
        {
            lock (_all) return [.. _all];
        }
    }

    /// <summary>The line settings of the bus named <paramref name="name"/>.</summary>
    /// <exception cref="DeviceConfigException">No such bus in <c>serialBuses</c>.</exception>
    public SerialPortOptions Named(string deviceId, string name) =>
        _named.TryGetValue(name, out var port)
            ? port
            : throw new DeviceConfigException(deviceId, $"bus '{name}' is not in serialBuses (known: {(_named.Count == 0 ? "none" : string.Join(", ", _named.Keys))})");

    /// <summary>
    /// The line on <paramref name="port"/>'s path (created on first use, opened by the first request); the lease releases
    /// this device's share, and the last one closes the port.
    /// </summary>
    /// <exception cref="DeviceConfigException">Another device uses the port with other line settings.</exception>
    public (BusLine Line, IAsyncDisposable Lease) Acquire(string deviceId, SerialPortOptions port)
    {
        string path = Path.GetFullPath(port.Path);
        string settings = port.ToString()[port.Path.Length..].Trim(); // e.g. "2400 8E1"
        return _lines.Acquire($"serial {path}", settings, deviceId, () =>
        {
            string name = _named.FirstOrDefault(n => Path.GetFullPath(n.Value.Path) == path).Key ?? port.Path;
            var line = BusLine.OverSerial(port, _time);
            var bus = new SerialBus(name, port.Path, line);
            line.StateChanged += (_, state) => Report(bus, state);
            lock (_all) _all.Add(bus);
            return line;
        });
    }

    private void Report(SerialBus bus, BusLineState state)
    {
        if (state == BusLineState.Down) LogDown(_logger, bus.Name, bus.Port, bus.Line.DownReason ?? "unknown");
        else if (state == BusLineState.Up && bus.Line.Downs > 0) LogUp(_logger, bus.Name, bus.Port);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Serial bus {Bus} ({Port}) down: {Reason}. Its devices read bad until it is back; it is tried again with back-off and reopened by itself")]
    private static partial void LogDown(ILogger logger, string bus, string port, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serial bus {Bus} ({Port}) up again: reopened, polling goes on")]
    private static partial void LogUp(ILogger logger, string bus, string port);
}
