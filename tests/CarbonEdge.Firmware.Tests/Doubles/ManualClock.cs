using CarbonEdge.Firmware.Core.Time;
using CarbonEdge.Firmware.Core.Uplink;

namespace CarbonEdge.Firmware.Tests.Doubles;

/// <summary>A board clock the test sets, and a watchdog that counts feeds.</summary>
internal sealed class ManualClock(long now) : IClock, IWatchdog
{
    public long Now { get; set; } = now;

    public int Feeds { get; private set; }

    public long UnixMilliseconds() => Now;

    public void Feed() => Feeds++;
}
