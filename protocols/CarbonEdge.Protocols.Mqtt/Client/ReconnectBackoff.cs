namespace CarbonEdge.Protocols.Mqtt.Client;

/// <summary>Exponential backoff with jitter: attempt n waits a random time in [c/2, c], c = min(max, min x 2^n), never below min.</summary>
internal static class ReconnectBackoff
{
    public static TimeSpan Delay(int attempt, TimeSpan minimum, TimeSpan maximum, Random random)
    {
        double ceiling = Math.Min(maximum.TotalMilliseconds, minimum.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        double delay = ceiling / 2 + random.NextDouble() * ceiling / 2;
        return TimeSpan.FromMilliseconds(Math.Max(minimum.TotalMilliseconds, delay));
    }
}
