using CarbonEdge.Protocols.Mqtt.Client;

namespace CarbonEdge.Protocols.Mqtt.Tests.Client;

public class ReconnectBackoffTests
{
    [Fact]
    public void Delays_double_with_jitter_between_half_and_whole_and_stay_within_the_bounds()
    {
        var min = TimeSpan.FromSeconds(1);
        var max = TimeSpan.FromSeconds(60);
        var random = new Random(7);
        for (int attempt = 0; attempt < 40; attempt++)
        {
            double ceiling = Math.Min(60, Math.Pow(2, attempt));
            var delays = Enumerable.Range(0, 200).Select(_ => ReconnectBackoff.Delay(attempt, min, max, random).TotalSeconds).ToArray();
            Assert.All(delays, d => Assert.InRange(d, Math.Max(1, ceiling / 2), ceiling));
            if (ceiling >= 4) Assert.True(delays.Max() - delays.Min() > ceiling / 8, $"attempt {attempt}: no jitter");
        }
    }
}
