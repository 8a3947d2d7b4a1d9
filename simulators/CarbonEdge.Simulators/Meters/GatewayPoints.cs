using System.Text.Json.Nodes;
using CarbonEdge.Protocols.Modbus.Data;

namespace CarbonEdge.Simulators.Meters;

/// <summary>The simulated meter's register map as the <c>points</c> list of a cedge gateway device config
/// (docs/gateway.md): one entry per canonical register, function, 0-based address, type, word order ABCD.</summary>
internal static class GatewayPoints
{
    public static JsonArray Create() => new(MeterRegisters.Canonical.Select(r => (JsonNode)new JsonObject
    {
        ["point"] = r.Point, ["function"] = r.Function, ["address"] = r.Address,
        ["type"] = ModbusValueCodec.TypeName(r.Type), ["order"] = "ABCD",
    }).ToArray());
}
