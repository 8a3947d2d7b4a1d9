using System.Device.I2c;
using CarbonEdge.Firmware.Core.Time;
using Iot.Device.Rtc;

namespace CarbonEdge.Firmware.Linux;

/// <summary>
/// A DS3231 holding UTC, through Iot.Device.Bindings. The time is trusted only while the status register's OSF bit
/// (0Fh bit 7: "the oscillator either is stopped or was stopped", DS3231 datasheet) is clear; setting the time clears
/// it. A chip that does not answer leaves the terminal on SNTP time.
/// </summary>
internal sealed class Ds3231Clock(I2cDevice device) : IRealTimeClock, IDisposable
{
    private const byte Status = 0x0F, OscillatorStopped = 0x80;
    private readonly Ds3231 _rtc = new(device);

    public bool TryRead(out long unixMilliseconds)
    {
        unixMilliseconds = 0;
        try
        {
            if ((ReadStatus() & OscillatorStopped) != 0) return false;
            unixMilliseconds = new DateTimeOffset(DateTime.SpecifyKind(_rtc.RtcDateTime, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
            return true;
        }
        catch (IOException) { return false; }
    }

    public void Write(long unixMilliseconds)
    {
        try
        {
            _rtc.RtcDateTime = DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).UtcDateTime;
            device.Write([Status, (byte)(ReadStatus() & ~OscillatorStopped)]);
        }
        catch (IOException) { }
    }

    private byte ReadStatus()
    {
        Span<byte> status = stackalloc byte[1];
        device.WriteRead([Status], status);
        return status[0];
    }

    public void Dispose() => _rtc.Dispose();
}
