namespace CarbonEdge.Testing;

/// <summary>A username and password of a test broker (MQTT 3.1.1 §3.1.3.4, §3.1.3.5).</summary>
/// <param name="Username">The MQTT username.</param>
/// <param name="Password">Its password, in clear (the broker holds only its hash).</param>
public sealed record MosquittoAccount(string Username, string Password)
{
    /// <summary>The cloud's account (<c>cedge-cloud</c>'s <c>mqtt.username</c>).</summary>
    public static MosquittoAccount Cloud { get; } = new("cloud", Secret());

    /// <summary>The gateways' account (<c>cedge</c>'s <c>mqtt.username</c>).</summary>
    public static MosquittoAccount Gateway { get; } = new("gateway", Secret());

    /// <summary>The tests' own account (mosquitto_sub/pub, simulators, probes).</summary>
    public static MosquittoAccount Tester { get; } = new("tester", Secret());

    /// <summary>The three standard accounts every authenticated test broker of the run knows.</summary>
    public static IReadOnlyList<MosquittoAccount> Standard { get; } = [Cloud, Gateway, Tester];

    private static string Secret() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
}
