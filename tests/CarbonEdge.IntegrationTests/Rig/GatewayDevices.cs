using System.Text.Json.Nodes;
using CarbonEdge.Simulators.Meters;

namespace CarbonEdge.IntegrationTests.Rig;

/// <summary>Device entries of a generated gateway config (<c>cedge run --config</c>), for the rigs.</summary>
internal static class GatewayDevices
{
    /// <summary>A <c>modbus-tcp</c> meter on 127.0.0.1 reading every canonical register of the simulated meter, no retries.</summary>
    public static JsonObject ModbusTcpMeter(string id, int port, byte unitId, int intervalMs) => new()
    {
        ["id"] = id, ["driver"] = "modbus-tcp", ["intervalMs"] = intervalMs,
        ["modbus"] = new JsonObject { ["host"] = "127.0.0.1", ["port"] = port, ["unitId"] = unitId, ["timeoutMs"] = 1000, ["retries"] = 0 },
        ["points"] = GatewayPoints.Create(),
    };
}
