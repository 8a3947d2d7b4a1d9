using System.Net;
using System.Net.Sockets;
using CarbonEdge.Protocols.Modbus;
using CarbonEdge.Protocols.Modbus.Server;
using CarbonEdge.Simulators.Meters;
using CarbonEdge.Simulators.Profiles;

namespace CarbonEdge.Simulators.Fleet;

/// <summary>
/// Serves a <see cref="FleetPlan"/> from one process: one Modbus TCP server (async accept and receive, no thread per
/// connection) per meter on <c>host:port</c>, all on one simulated clock and one shared load profile.
/// </summary>
internal sealed class FleetServer : IAsyncDisposable
{
    private readonly List<(FleetMeter Meter, MeterDataStore Store, ModbusTcpServer Server)> _served = [];

    private FleetServer()
    {
    }

    /// <summary>The meters served, in plan order.</summary>
    public IEnumerable<FleetMeter> Meters => _served.Select(s => s.Meter);

    /// <summary>Register reads answered, all meters.</summary>
    public long Reads => _served.Sum(s => s.Store.Reads);

    /// <summary>Requests received, all meters.</summary>
    public long Requests => _served.Sum(s => s.Server.Statistics.Requests);

    /// <summary>Energy register reads of <paramref name="meter"/>: each one <c>energy.active.import</c> reading served.</summary>
    public long EnergyReads(FleetMeter meter) => _served.First(s => s.Meter == meter).Store.EnergyReads(1);

    /// <summary>Starts every meter's server.</summary>
    /// <exception cref="ModbusConnectionException">A port cannot be listened on (the servers started so far are stopped).</exception>
    public static async Task<FleetServer> StartAsync(IReadOnlyList<FleetMeter> plan, IPAddress host, LoadProfile profile, SimulationClock clock)
    {
        var fleet = new FleetServer();
        foreach (var meter in plan)
        {
            var store = new MeterDataStore(new Dictionary<byte, MeterModel> { [1] = new MeterModel(profile, meter.Settings) }, clock);
            var server = new ModbusTcpServer(store);
            try
            {
                server.Start(new IPEndPoint(host, meter.Port));
            }
            catch (SocketException ex)
            {
                await server.DisposeAsync();
                await fleet.DisposeAsync();
                throw new ModbusConnectionException($"cannot listen on {host}:{meter.Port} for {meter.Id}: {ex.Message}", ex);
            }
            fleet._served.Add((meter, store, server));
        }
        return fleet;
    }

    /// <summary>Stops every meter's server; the counts stay readable, and final, afterwards.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var (_, _, server) in _served) await server.DisposeAsync();
    }
}
