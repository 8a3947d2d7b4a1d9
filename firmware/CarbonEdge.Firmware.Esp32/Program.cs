using System.Device.Gpio;
using System.Diagnostics;
using System.IO;
using System.IO.Ports;
using System.Threading;
using CarbonEdge.Firmware.Core;
using CarbonEdge.Firmware.Core.Config;
using nanoFramework.Hardware.Esp32;
using nanoFramework.Networking;

namespace CarbonEdge.Firmware.Esp32
{
    /// <summary>
    /// Boot of the ESP32 metering terminal: configuration from <c>I:\terminal.conf</c>, UART2 pins, network and time,
    /// then the core's loop on the main thread (wiring and flashing: README.md).
    /// </summary>
    public static class Program
    {
        private const string ConfigPath = @"I:\terminal.conf";
        private const int Rs485Rx = 16, Rs485Tx = 17;

        public static void Main()
        {
            if (!ConfigParser.TryParse(File.ReadAllText(ConfigPath), out TerminalConfig config, out string error))
            {
                Debug.WriteLine(ConfigPath + " " + error);
                Thread.Sleep(Timeout.Infinite);
            }
            Configuration.SetPinFunction(Rs485Rx, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(Rs485Tx, DeviceFunction.COM2_TX);
            Configuration.SetPinFunction(config.DePin, DeviceFunction.COM2_RTS);

            var board = new Esp32Board(new GpioController(), config.LedPin, config.ButtonPin);
            var uplink = new M2MqttUplink(config.MqttHost, config.MqttPort, board);
            var parity = config.Parity == "even" ? Parity.Even : config.Parity == "odd" ? Parity.Odd : Parity.None;
            var terminal = new Terminal(config, new Esp32SerialLine(config.SerialPort, config.BaudRate, parity),
                new FlashFileDevice(config.StoragePath, config.StoragePageSize, config.StoragePages), board, null, null,
                uplink, board, "0.1.0");
            board.ReadNow = terminal.RequestReadNow;
            uplink.Commands = terminal.Commands;

            // Wi-Fi credentials are stored on the device (nanoff / Device Explorer); with a valid date the native SNTP
            // client (nanoFramework.Networking.Sntp) keeps the RTC in UTC. Without it readings are marked uncertain.
            Sntp.Server1 = config.SntpHost.Length > 0 ? config.SntpHost : "pool.ntp.org";
            if (NetworkHelper.SetupAndConnectNetwork(new CancellationTokenSource(60_000).Token, true))
                terminal.Clock.TrustBoardClock();
            terminal.Run();
        }
    }
}
