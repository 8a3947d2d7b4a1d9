namespace CarbonEdge.IntegrationTests.Chaos;

/// <summary>A meter the gateway polls over Modbus TCP on 127.0.0.1.</summary>
/// <param name="Id">Device id (registry and gateway config).</param>
/// <param name="Port">TCP port.</param>
/// <param name="UnitId">Modbus unit id.</param>
internal sealed record ChaosDevice(string Id, int Port, byte UnitId);

/// <summary>
/// Where the chaos run's meters come from (in-process meters, or a fleet simulator process): what the gateway polls,
/// and how many energy register readings each served, to count InfluxDB against.
/// </summary>
internal interface IChaosDevices : IAsyncDisposable
{
    IReadOnlyList<ChaosDevice> Devices { get; }

    /// <summary><c>energy.active.import</c> readings served to the gateway so far.</summary>
    long EnergyReadsServed(string device);

    /// <summary>Stops serving: the counts are final.</summary>
    Task StopAsync();
}
