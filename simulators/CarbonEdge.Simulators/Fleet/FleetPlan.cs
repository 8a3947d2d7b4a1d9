using System.Globalization;
using CarbonEdge.Simulators.Meters;

namespace CarbonEdge.Simulators.Fleet;

/// <summary>One simulated meter of a fleet: its device id, the TCP port it answers on, and how it replays the profile.</summary>
internal sealed record FleetMeter(string Id, int Port, MeterSettings Settings);

/// <summary>
/// The meters of <c>cedge-sim fleet</c>: meter i (0-based) is device <c>m-0001</c>... on port <c>listenBase + i</c>, unit id
/// 1, with its own scale (0.2-1.0), day offset (0-364 days) and register base, so that no two meters read alike.
/// <c>cedge-sim fleet</c> serves this plan and <c>cedge-sim fleet config</c> writes the gateway config that polls it.
/// </summary>
internal static class FleetPlan
{
    /// <summary>Most meters one fleet serves (one TCP port each).</summary>
    public const int MaxDevices = 5_000;

    /// <summary>The fleet's meters.</summary>
    /// <exception cref="ArgumentException">Devices outside 1-<see cref="MaxDevices"/>, or ports past 65535.</exception>
    public static IReadOnlyList<FleetMeter> Create(int devices, int listenBase)
    {
        if (devices is < 1 or > MaxDevices) throw new ArgumentException($"--devices must be 1-{MaxDevices}, got {devices}");
        if (listenBase < 1 || listenBase + devices - 1 > 65_535)
            throw new ArgumentException($"--listen-base {listenBase} with {devices} devices runs past port 65535; choose a lower base");
        return Enumerable.Range(0, devices).Select(i => new FleetMeter(
            string.Create(CultureInfo.InvariantCulture, $"m-{i + 1:D4}"),
            listenBase + i,
            new MeterSettings(Scale: 0.2 + 0.8 * (i * 37 % 101) / 100.0, DayOffset: i * 29 % 365, RegisterBaseKwh: 1_000 + 500.0 * i))).ToList();
    }
}
