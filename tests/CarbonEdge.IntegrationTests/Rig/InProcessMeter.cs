using System.Net;
using CarbonEdge.Protocols.Modbus.Server;
using CarbonEdge.Simulators.Meters;
using CarbonEdge.Simulators.Profiles;

namespace CarbonEdge.IntegrationTests.Rig;

/// <summary>A simulated meter served over Modbus TCP inside the test, so the test can count what it served.</summary>
internal sealed class InProcessMeter : IAsyncDisposable
{
    private static readonly Lazy<LoadProfile> Profile = new(() => LoadProfile.Load(LoadProfile.DefaultPath));
    private readonly ModbusTcpServer _server;
    private bool _stopped;

    public InProcessMeter(string device, MeterSettings settings)
    {
        Device = device;
        Model = new MeterModel(Profile.Value, settings);
        Store = new MeterDataStore(new Dictionary<byte, MeterModel> { [1] = Model }, new SimulationClock(TimeProvider.System));
        _server = new ModbusTcpServer(Store);
        _server.Start(new IPEndPoint(IPAddress.Loopback, 0));
    }

    public string Device { get; }

    public MeterModel Model { get; }

    public MeterDataStore Store { get; }

    public int Port => _server.LocalEndPoint.Port;

    /// <summary>energy.active.import readings served so far.</summary>
    public long EnergyReadsServed => Store.EnergyReads(1);

    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _server.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _server.DisposeAsync();
    }
}
