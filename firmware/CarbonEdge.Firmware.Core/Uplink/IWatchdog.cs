namespace CarbonEdge.Firmware.Core.Uplink
{
    /// <summary>A watchdog the main loop feeds once per turn; the board reboots the terminal when feeding stops.</summary>
    public interface IWatchdog
    {
        /// <summary>Resets the watchdog's countdown.</summary>
        void Feed();
    }
}
