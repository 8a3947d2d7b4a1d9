namespace CarbonEdge.Firmware.Core.Time
{
    /// <summary>Where the terminal's time comes from; readings taken without SNTP or RTC time are marked uncertain.</summary>
    public enum ClockQuality
    {
        /// <summary>Neither SNTP nor the RTC has set the clock.</summary>
        Unsynchronised,
        /// <summary>Set from the real-time clock (SNTP unreachable so far).</summary>
        RealTimeClock,
        /// <summary>Synchronised by SNTP.</summary>
        Sntp,
        /// <summary>The board's operating system keeps the time (an NTP daemon on a Linux terminal).</summary>
        System,
    }
}
