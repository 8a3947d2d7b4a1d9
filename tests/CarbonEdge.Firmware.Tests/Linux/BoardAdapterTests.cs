using System.Device.Gpio;
using CarbonEdge.Firmware.Linux;
using CarbonEdge.Firmware.Tests.Doubles;

namespace CarbonEdge.Firmware.Tests.Linux;

/// <summary>
/// The Linux board's GPIO and RTC adapters against test doubles (no GPIO lines or I2C bus here), checking the pin
/// changes and register bytes the MAX485 and DS3231 datasheets ask for.
/// </summary>
public sealed class BoardAdapterTests
{
    [Fact]
    public void De_pin_starts_low_to_listen_and_goes_high_only_while_sending()
    {
        var driver = new RecordingGpioDriver();
        using var pins = new BoardPins(new GpioController(driver), dePin: 17, ledPin: 27, buttonPin: 22, () => { });
        driver.Log.Clear();

        pins.Transmit(true);
        pins.Transmit(false);

        Assert.Equal(["write 17 high", "write 17 low"], driver.Log);
    }

    [Fact]
    public void Pins_are_opened_as_the_board_needs()
    {
        var driver = new RecordingGpioDriver();
        using var pins = new BoardPins(new GpioController(driver), dePin: 17, ledPin: 27, buttonPin: 22, () => { });

        Assert.Contains("mode 17 Output", driver.Log);
        Assert.Contains("mode 27 Output", driver.Log);
        Assert.Contains("mode 22 InputPullUp", driver.Log);
        Assert.Contains("callback 22 Falling", driver.Log);
        // DE is low (receiving) before anything else is written to it.
        Assert.Equal("write 17 low", driver.Log.First(l => l.StartsWith("write 17")));
    }

    [Fact]
    public void Button_press_to_ground_asks_for_a_read_and_release_does_not()
    {
        var driver = new RecordingGpioDriver();
        int presses = 0;
        using var pins = new BoardPins(new GpioController(driver), -1, -1, buttonPin: 22, () => presses++);

        driver.Edge(22, PinEventTypes.Falling);
        driver.Edge(22, PinEventTypes.Rising);

        Assert.Equal(1, presses);
    }

    [Fact]
    public void Led_follows_the_uplink()
    {
        var driver = new RecordingGpioDriver();
        using var pins = new BoardPins(new GpioController(driver), -1, ledPin: 27, -1, () => { });
        driver.Log.Clear();
        pins.Led(true);
        pins.Led(false);
        Assert.Equal(["write 27 high", "write 27 low"], driver.Log);
    }

    [Fact]
    public void Rtc_write_stores_bcd_time_registers_and_clears_the_oscillator_stop_flag()
    {
        var chip = new Ds3231Registers();
        chip.Registers[0x0F] = 0x88; // OSF set (power was lost), EN32kHz set
        using var rtc = new Ds3231Clock(chip);

        rtc.Write(new DateTimeOffset(2026, 11, 22, 13, 45, 7, TimeSpan.Zero).ToUnixTimeMilliseconds());

        // 00h seconds 07, 01h minutes 45, 02h hours 13 (24-hour: bit 6 clear), 04h date 22, 05h month 11 with the
        // century bit (bit 7) set, as Iot.Device.Bindings marks years 2000-2099, 06h year 26. All BCD.
        Assert.Equal(new byte[] { 0x07, 0x45, 0x13 }, chip.Registers[0..3]);
        Assert.Equal(new byte[] { 0x22, 0x91, 0x26 }, chip.Registers[4..7]);
        Assert.InRange(chip.Registers[3], 1, 7); // day of week, 1..7
        Assert.Equal(0x08, chip.Registers[0x0F]); // OSF cleared, other status bits kept
        Assert.Contains("write 0F08", chip.Log);
    }

    [Fact]
    public void Rtc_time_is_read_from_the_registers_and_refused_while_the_oscillator_stop_flag_is_set()
    {
        var chip = new Ds3231Registers();
        byte[] time = [0x59, 0x59, 0x23, 0x03, 0x31, 0x92, 0x25]; // 2025-12-31 23:59:59 (century bit: 20xx)
        time.CopyTo(chip.Registers, 0);
        using var rtc = new Ds3231Clock(chip);

        Assert.True(rtc.TryRead(out long ms));
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 23, 59, 59, TimeSpan.Zero).ToUnixTimeMilliseconds(), ms);
        Assert.Contains("write 0F", chip.Log); // the status register was checked

        chip.Registers[0x0F] = 0x80;
        Assert.False(rtc.TryRead(out _));
    }
}
