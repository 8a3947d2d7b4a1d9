namespace CarbonEdge.Firmware.Core.Time
{
    /// <summary>A battery-backed real-time clock (e.g. DS3231) that holds time across power cuts and SNTP outages.</summary>
    public interface IRealTimeClock
    {
        /// <summary>Reads the time; false when the chip does not answer or reports that it lost power (time invalid).</summary>
        bool TryRead(out long unixMilliseconds);

        /// <summary>Sets the time (after an SNTP synchronisation).</summary>
        void Write(long unixMilliseconds);
    }
}
