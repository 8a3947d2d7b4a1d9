using System;
using System.Device.Gpio;
using System.Threading;
using CarbonEdge.Firmware.Core.Time;
using CarbonEdge.Firmware.Core.Uplink;
using nanoFramework.Runtime.Native;

namespace CarbonEdge.Firmware.Esp32
{
    /// <summary>
    /// The ESP32's clock (the native RTC, kept in UTC by nanoFramework.Networking.Sntp), a watchdog (nanoFramework has
    /// no managed watchdog API: a thread reboots the device when the main loop has not fed it for 60 s), the status
    /// LED and the read-now button (to ground, falling edge).
    /// </summary>
    internal sealed class Esp32Board : IClock, IWatchdog
    {
        private const long UnixEpochTicks = 621_355_968_000_000_000;
        private readonly GpioPin _led;
        private int _feeds;

        public Esp32Board(GpioController gpio, int ledPin, int buttonPin)
        {
            _led = gpio.OpenPin(ledPin, PinMode.Output);
            GpioPin button = gpio.OpenPin(buttonPin, PinMode.InputPullUp);
            button.ValueChanged += (sender, e) =>
            {
                if (e.ChangeType == PinEventTypes.Falling && ReadNow != null)
                    ReadNow();
            };
            new Thread(Watch).Start();
        }

        /// <summary>What the button does (the terminal's RequestReadNow).</summary>
        public ThreadStart ReadNow { get; set; }

        public long UnixMilliseconds() => (DateTime.UtcNow.Ticks - UnixEpochTicks) / TimeSpan.TicksPerMillisecond;

        public void Feed() => Interlocked.Increment(ref _feeds);

        public void Led(bool on) => _led.Write(on ? PinValue.High : PinValue.Low);

        private void Watch()
        {
            int seen = -1;
            while (true)
            {
                Thread.Sleep(60_000);
                int feeds = Interlocked.CompareExchange(ref _feeds, 0, 0);
                if (feeds == seen)
                    Power.RebootDevice();
                seen = feeds;
            }
        }
    }
}
