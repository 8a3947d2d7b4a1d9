namespace CarbonEdge.Firmware.Core.Schedule
{
    /// <summary>
    /// Poll times aligned to the wall clock: multiples of the interval since midnight UTC (an interval that divides a
    /// day), so a 15-minute terminal reads at :00, :15, :30, :45 like the gateway, whatever its boot time.
    /// </summary>
    public static class PollSchedule
    {
        /// <summary>The first aligned time strictly after <paramref name="now"/> (Unix ms).</summary>
        public static long Next(long now, int intervalSeconds)
        {
            long interval = intervalSeconds * 1000L;
            long floor = now >= 0 ? now / interval * interval : -((-now + interval - 1) / interval) * interval;
            return floor + interval;
        }

        /// <summary>
        /// True when <paramref name="next"/> no longer fits <paramref name="now"/>: the clock went back by more than an
        /// interval, so the next poll must be recomputed rather than waited for.
        /// </summary>
        public static bool IsStale(long next, long now, int intervalSeconds) => next - now > intervalSeconds * 1000L;
    }
}
