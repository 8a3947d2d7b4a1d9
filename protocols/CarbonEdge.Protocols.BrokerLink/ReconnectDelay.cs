namespace CarbonEdge.Protocols.BrokerLink;

/// <summary>
/// The wait before connect attempt <c>n</c> (0-based) after failures: the first delay doubled per attempt up to the
/// longest, times a jitter of 0.5-1.0, so that gateways cut off together do not all come back at the same instant.
/// </summary>
public static class ReconnectDelay
{
    /// <summary>The delay before attempt <paramref name="attempt"/>.</summary>
    public static TimeSpan Of(int attempt, TimeSpan first, TimeSpan longest, Random random)
    {
        double ceiling = Math.Min(longest.TotalMilliseconds, first.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + 0.5 * random.NextDouble()));
    }
}
