using System.Reflection;

namespace CarbonEdge.Edge.Health;

/// <summary>The gateway software version reported on the status topic.</summary>
internal static class GatewayVersion
{
    /// <summary>Informational version of the cedge assembly (e.g. <c>0.1.0</c>).</summary>
    public static string Current { get; } =
        (typeof(GatewayVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];
}
