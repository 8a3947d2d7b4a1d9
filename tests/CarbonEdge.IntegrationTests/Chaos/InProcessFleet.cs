using CarbonEdge.IntegrationTests.Rig;
using CarbonEdge.Simulators.Meters;

namespace CarbonEdge.IntegrationTests.Chaos;

/// <summary>N simulated meters served over Modbus TCP from the test process (each its own port, unit 1), counted exactly.</summary>
internal sealed class InProcessFleet : IChaosDevices
{
    private readonly List<InProcessMeter> _meters;

    public InProcessFleet(int count)
    {
        _meters = Enumerable.Range(1, count)
            .Select(i => new InProcessMeter($"m-{i:D3}", new MeterSettings(Scale: 0.2 + 0.05 * i, DayOffset: 7 * i, RegisterBaseKwh: 1000 * i)))
            .ToList();
        Devices = _meters.Select(m => new ChaosDevice(m.Device, m.Port, 1)).ToList();
    }

    public IReadOnlyList<ChaosDevice> Devices { get; }

    public long EnergyReadsServed(string device) => _meters.Single(m => m.Device == device).EnergyReadsServed;

    public async Task StopAsync()
    {
        foreach (var meter in _meters) await meter.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var meter in _meters) await meter.DisposeAsync();
    }
}
