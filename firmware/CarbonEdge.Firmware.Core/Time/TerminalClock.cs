namespace CarbonEdge.Firmware.Core.Time
{
    /// <summary>
    /// The terminal's time: the board's clock plus an offset set from the RTC at boot and from SNTP, with its
    /// <see cref="Quality"/>. Counts jumps (an SNTP correction over <see cref="JumpThresholdMilliseconds"/> once synchronised,
    /// or the board clock going backwards).
    /// </summary>
    public sealed class TerminalClock
    {
        /// <summary>A correction larger than this counts as a clock jump.</summary>
        public const long JumpThresholdMilliseconds = 2000;

        private readonly IClock _clock;
        private readonly IRealTimeClock? _rtc;
        private long _offset;
        private long _last;

        /// <summary>A clock over the board's <paramref name="clock"/> and optional <paramref name="rtc"/>.</summary>
        public TerminalClock(IClock clock, IRealTimeClock? rtc)
        {
            _clock = clock;
            _rtc = rtc;
        }

        /// <summary>Where the time comes from.</summary>
        public ClockQuality Quality { get; private set; }

        /// <summary>Jumps seen since boot.</summary>
        public int Jumps { get; private set; }

        /// <summary>True when SNTP or the RTC set the time.</summary>
        public bool IsSynchronised => Quality != ClockQuality.Unsynchronised;

        /// <summary>UTC now, Unix milliseconds.</summary>
        public long Now()
        {
            long now = _clock.UnixMilliseconds() + _offset;
            if (now < _last - JumpThresholdMilliseconds)
                Jumps++;
            _last = now;
            return now;
        }

        /// <summary>Takes the time from the RTC when it holds a valid time (at boot).</summary>
        public void LoadFromRealTimeClock()
        {
            if (_rtc == null || !_rtc.TryRead(out long rtcTime))
                return;
            _offset = rtcTime - _clock.UnixMilliseconds();
            _last = rtcTime;
            Quality = ClockQuality.RealTimeClock;
        }

        /// <summary>Trusts the board's clock as synchronised (a Linux terminal whose NTP daemon keeps the time).</summary>
        public void TrustBoardClock()
        {
            Quality = ClockQuality.System;
        }

        /// <summary>Applies an SNTP offset (from <see cref="SntpPacket.TryDecodeReply"/>) and writes the corrected time to the RTC.</summary>
        public void ApplySntpOffset(long offset)
        {
            if (IsSynchronised && (offset > JumpThresholdMilliseconds || offset < -JumpThresholdMilliseconds))
                Jumps++;
            _offset += offset;
            _last = _clock.UnixMilliseconds() + _offset;
            Quality = ClockQuality.Sntp;
            if (_rtc != null)
                _rtc.Write(_last);
        }
    }
}
