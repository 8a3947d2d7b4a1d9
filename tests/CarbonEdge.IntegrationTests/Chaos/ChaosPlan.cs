namespace CarbonEdge.IntegrationTests.Chaos;

/// <summary>
/// What a chaos run does and when: <see cref="Devices"/> meters polled every <see cref="PollMs"/> for
/// <see cref="Duration"/>, and the events at fixed fractions of it (the same events in the short form that
/// <c>scripts/test.sh</c> runs and in the full one of <c>scripts/chaos.sh</c>; only the durations scale):
/// gateway SIGKILL at 10 %, broker stopped from 20 % for a fifth (60 s of 5 min), InfluxDB stopped from 45 % for
/// 40 % (2 min of 5), the cloud instance holding the estimation lease SIGKILLed at 55 % and started again (as its
/// supervisor would) at 75 %, the gateway SIGKILLed again at 65 %.
/// </summary>
/// <param name="Devices">Simulated meters (one gateway polls them all).</param>
/// <param name="PollMs">Poll interval of every meter, ms.</param>
/// <param name="Duration">How long the meters are served.</param>
/// <param name="CloudInstances">Instances of <c>cedge-cloud run</c> sharing one <c>$share/</c> subscription and one registry.</param>
/// <param name="LeaseSeconds">The estimation lease time (<c>estimation.leaseSeconds</c>).</param>
internal sealed record ChaosPlan(int Devices, int PollMs, TimeSpan Duration, int CloudInstances, int LeaseSeconds)
{
    /// <summary>The figures: 20 devices at 1 s for <paramref name="minutes"/> (at least 5), three cloud instances.</summary>
    public static ChaosPlan Full(double minutes) => new(20, 1000, TimeSpan.FromMinutes(minutes), 3, 10);

    /// <summary>The form <c>scripts/test.sh</c> runs: the same devices and events in 45 s.</summary>
    public static ChaosPlan Short => new(20, 1000, TimeSpan.FromSeconds(45), 3, 3);

    /// <summary><see cref="Full"/> when <c>CEDGE_CHAOS_MINUTES</c> is set (by <c>scripts/chaos.sh</c>), else <see cref="Short"/>.</summary>
    public static ChaosPlan FromEnvironment() =>
        double.TryParse(Environment.GetEnvironmentVariable("CEDGE_CHAOS_MINUTES"), System.Globalization.CultureInfo.InvariantCulture, out double minutes)
            ? Full(minutes)
            : Short;

    public TimeSpan At(double fraction) => Duration * fraction;

    public TimeSpan BrokerDown => At(0.20);

    public TimeSpan InfluxDown => At(0.40);

    /// <summary>Gateway SIGKILLs in the run: at most one in-flight poll per meter each may be lost (answered, not yet committed).</summary>
    public int GatewayKills => 2;
}
