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
    return Fail("usage: cedge-terminal --config FILE   (format: firmware/README.md, \"Configuration\")");
if (!File.Exists(args[1]))
    return Fail($"error: config file {args[1]} not found; pass the path of the terminal's configuration");
if (!ConfigParser.TryParse(File.ReadAllText(args[1]), out var config, out string error))
    return Fail($"error: {args[1]} {error}");

Terminal? terminal = null;
bool gpio = config.DePin >= 0 || config.LedPin >= 0 || config.ButtonPin >= 0;
using var pins = new BoardPins(gpio ? new GpioController() : null, config.DePin, config.LedPin, config.ButtonPin, () => terminal?.RequestReadNow());
using var port = RtuSerialLine.Open(config.SerialPort, config.BaudRate, config.Parity);
using var flash = new FileBlockDevice(config.StoragePath, config.StoragePageSize, config.StoragePages);
using var rtc = config.RtcBus < 0 ? null : new Ds3231Clock(I2cDevice.Create(new I2cConnectionSettings(config.RtcBus, Iot.Device.Rtc.Ds3231.DefaultI2cAddress)));
using var uplink = new MqttUplink(config.MqttHost, config.MqttPort, pins, (topic, payload, length) => terminal?.Commands.Receive(topic, payload, length));
terminal = new Terminal(config, new RtuSerialLine(port, pins), flash, new SystemClock(), rtc,
    config.SntpHost.Length > 0 ? new UdpSntpChannel(config.SntpHost) : null, uplink, new ProcessWatchdog(),
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

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}

/// <summary>UTC from the operating system.</summary>
internal sealed class SystemClock : IClock
{
    public long UnixMilliseconds() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}

/// <summary>Ends the process (for systemd to restart it) when the main loop has not fed it for 60 s.</summary>
internal sealed class ProcessWatchdog : IWatchdog
{
    private long _fed = Environment.TickCount64;

    public ProcessWatchdog() => new Thread(() =>
    {
        while (true)
        {
            Thread.Sleep(1000);
            if (Environment.TickCount64 - Interlocked.Read(ref _fed) > 60_000)
                Environment.FailFast("cedge-terminal: the main loop stopped feeding the watchdog");
        }
    }) { IsBackground = true, Name = "watchdog" }.Start();

    public void Feed() => Interlocked.Exchange(ref _fed, Environment.TickCount64);
}
