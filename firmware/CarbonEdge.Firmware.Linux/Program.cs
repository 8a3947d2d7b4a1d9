using System.Device.Gpio;
using System.Device.I2c;
using System.Runtime.InteropServices;
using CarbonEdge.Firmware.Core;
using CarbonEdge.Firmware.Core.Config;
using CarbonEdge.Firmware.Core.Time;
using CarbonEdge.Firmware.Core.Uplink;
using CarbonEdge.Firmware.Linux;

// cedge-terminal --config FILE: the metering-terminal firmware core on a Linux board (firmware/README.md).
if (args.Length != 2 || args[0] != "--config")
{
    Console.Error.WriteLine("usage: cedge-terminal --config FILE   (format: firmware/README.md, \"Configuration\")");
    return 2;
}
if (!File.Exists(args[1]))
{
    Console.Error.WriteLine($"error: config file {args[1]} not found; pass the path of the terminal's configuration");
    return 2;
}
if (!ConfigParser.TryParse(File.ReadAllText(args[1]), out var config, out string error))
{
    Console.Error.WriteLine($"error: {args[1]} {error}");
    return 2;
}

Terminal? terminal = null;
using var pins = new BoardPins(config.DePin >= 0 || config.LedPin >= 0 || config.ButtonPin >= 0 ? new GpioController() : null,
    config.DePin, config.LedPin, config.ButtonPin, () => terminal?.RequestReadNow());
using var port = RtuSerialLine.Open(config.SerialPort, config.BaudRate, config.Parity);
using var flash = new FileBlockDevice(config.StoragePath, config.StoragePageSize, config.StoragePages);
using var rtc = config.RtcBus >= 0 ? new Ds3231Clock(I2cDevice.Create(new I2cConnectionSettings(config.RtcBus, Iot.Device.Rtc.Ds3231.DefaultI2cAddress))) : null;
using var uplink = new MqttUplink(config.MqttHost, config.MqttPort, (topic, payload, length) => terminal?.Commands.Receive(topic, payload, length));
var watchdog = new ProcessWatchdog(TimeSpan.FromSeconds(60));
terminal = new Terminal(config, new RtuSerialLine(port, pins), flash, new SystemClock(), rtc,
    config.SntpHost.Length > 0 ? new UdpSntpChannel(config.SntpHost) : null, new LedUplink(uplink, pins), watchdog,
    typeof(Terminal).Assembly.GetName().Version!.ToString(3));
if (config.SntpHost.Length == 0 && rtc is null)
    terminal.Clock.TrustBoardClock(); // the operating system keeps the time (NTP daemon)

using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; terminal.Stop(); });
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; terminal.Stop(); });
Console.WriteLine($"cedge-terminal {config.Site}/{config.Terminal}: {config.Meters.Length} meter(s) on {config.SerialPort}, " +
                  $"broker {config.MqttHost}:{config.MqttPort}, flash {config.StoragePath} ({config.StoragePages} x {config.StoragePageSize} B)");
terminal.Run();
Console.WriteLine($"cedge-terminal stopped: {terminal.Store.Pending} reading(s) buffered");
return 0;

/// <summary>UTC from the operating system.</summary>
internal sealed class SystemClock : IClock
{
    public long UnixMilliseconds() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}

/// <summary>Ends the process (for systemd to restart) when the loop stops feeding it for a minute.</summary>
internal sealed class ProcessWatchdog : IWatchdog
{
    private long _fed = Environment.TickCount64;

    public ProcessWatchdog(TimeSpan limit) =>
        new Thread(() =>
        {
            while (true)
            {
                Thread.Sleep(1000);
                if (Environment.TickCount64 - Interlocked.Read(ref _fed) > limit.TotalMilliseconds)
                    Environment.FailFast("cedge-terminal: the main loop stopped feeding the watchdog");
            }
        }) { IsBackground = true, Name = "watchdog" }.Start();

    public void Feed() => Interlocked.Exchange(ref _fed, Environment.TickCount64);
}

/// <summary>The uplink with the status LED following its connection.</summary>
internal sealed class LedUplink(IUplink inner, BoardPins pins) : IUplink
{
    public bool IsConnected { get { bool on = inner.IsConnected; pins.Led(on); return on; } }
    public bool Connect(string clientId, string willTopic, byte[] willPayload, int willLength, string commandFilter) =>
        inner.Connect(clientId, willTopic, willPayload, willLength, commandFilter);
    public bool Publish(string topic, byte[] payload, int length, bool retain) => inner.Publish(topic, payload, length, retain);
    public void Disconnect() => inner.Disconnect();
}
