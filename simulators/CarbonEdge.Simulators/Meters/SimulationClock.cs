namespace CarbonEdge.Simulators.Meters;

/// <summary>
/// Simulated time: starts at the real time of creation and runs <see cref="Speed"/> times as fast, so that a demo can
/// show a day of load in minutes. At speed 1 it is the real clock.
/// </summary>
internal sealed class SimulationClock(TimeProvider time, double speed = 1.0)
{
    private readonly DateTimeOffset _start = time.GetUtcNow();

    /// <summary>Simulated seconds per real second.</summary>
    public double Speed { get; } = speed > 0 && double.IsFinite(speed) ? speed : throw new ArgumentOutOfRangeException(nameof(speed), speed, "speed must be a positive number");

    /// <summary>The simulated now.</summary>
    public DateTimeOffset Now => _start + (time.GetUtcNow() - _start) * Speed;
}
