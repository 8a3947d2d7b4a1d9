using System.Text.Json.Nodes;
using CarbonEdge.Simulators.Meters;

namespace CarbonEdge.Simulators.Fleet;

/// <summary>
/// The cedge gateway config (docs/gateway.md) that polls a <see cref="FleetPlan"/>: one <c>modbus-tcp</c> device per
/// meter at <c>host:port</c> unit 1, the meter map's points, every <c>intervalMs</c>.
/// </summary>
/// <param name="Site">Site id.</param>
/// <param name="Gateway">Gateway id.</param>
/// <param name="BrokerUrl"><c>mqtt://host:port</c> or <c>mqtts://host:port</c>.</param>
/// <param name="Host">Where the fleet answers.</param>
/// <param name="IntervalMs">Poll interval of every device, ms.</param>
/// <param name="MetricsPort">The gateway's metrics/health port, or null for none.</param>
/// <param name="CaFile">PEM file of the broker's CA (mqtts://), or null.</param>
/// <param name="Username">Broker username, or null.</param>
/// <param name="Password">Broker password, or null.</param>
internal sealed record FleetGatewayConfig(string Site, string Gateway, string BrokerUrl, string Host, int IntervalMs, int? MetricsPort,
    string? CaFile = null, string? Username = null, string? Password = null)
{
    /// <summary>The config as JSON, for <c>cedge run --config</c>.</summary>
    public JsonObject Create(IReadOnlyList<FleetMeter> plan)
    {
        var config = new JsonObject
        {
            ["gateway"] = new JsonObject { ["site"] = Site, ["id"] = Gateway, ["dataDir"] = "data" },
            ["mqtt"] = new JsonObject { ["url"] = BrokerUrl },
            ["uplink"] = new JsonObject { ["maxReadingsPerBatch"] = 500, ["flushIntervalMs"] = 1000 },
            ["devices"] = new JsonArray(plan.Select(meter => (JsonNode)new JsonObject
            {
                ["id"] = meter.Id,
                ["driver"] = "modbus-tcp",
                ["intervalMs"] = IntervalMs,
                ["modbus"] = new JsonObject { ["host"] = Host, ["port"] = meter.Port, ["unitId"] = 1 },
                ["points"] = GatewayPoints.Create(),
            }).ToArray()),
        };
        var mqtt = config["mqtt"]!.AsObject();
        if (CaFile is not null) mqtt["caFile"] = CaFile;
        if (Username is not null) mqtt["username"] = Username;
        if (Password is not null) mqtt["password"] = Password;
        if (MetricsPort is { } port) config["health"] = new JsonObject { ["metricsPort"] = port };
        return config;
    }
}
