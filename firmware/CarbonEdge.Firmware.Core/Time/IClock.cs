namespace CarbonEdge.Firmware.Core.Time
{
    /// <summary>The board's clock: its idea of UTC now, in milliseconds since 1970-01-01 (may be unset at boot, may jump).</summary>
    public interface IClock
    {
        /// <summary>UTC now in Unix milliseconds.</summary>
        long UnixMilliseconds();
    }
}
