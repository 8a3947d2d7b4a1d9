using System.Text.Json;
using System.Text.Json.Serialization;

namespace CarbonEdge.Protocols.Telemetry;

/// <summary>Online or offline, as published on the status topic.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GatewayState>))]
public enum GatewayState
{
    /// <summary>Connected and publishing.</summary>
    [JsonStringEnumMemberName("online")] Online,
    /// <summary>Disconnected (sent on shutdown, and by the broker as the Last Will).</summary>
    [JsonStringEnumMemberName("offline")] Offline,
}

/// <summary>The retained status payload of a gateway.</summary>
/// <param name="State">online or offline.</param>
/// <param name="Since">When the gateway entered this state, UTC.</param>
/// <param name="Version">Gateway software version.</param>
/// <param name="Buffered">Readings in the buffer not yet acknowledged by the broker.</param>
/// <param name="Evicted">Readings the gateway's full buffer evicted since it was created, by kind (<c>instantaneous</c>,
/// <c>energy</c>: energy register readings beyond one per device, point and interval); absent from older gateways.</param>
public sealed record GatewayStatus(GatewayState State, DateTimeOffset Since, string Version, long Buffered,
    IReadOnlyDictionary<string, long>? Evicted = null);

/// <summary>A command to a gateway on <c>.../cmd/{name}</c>: a correlation id plus command-specific members.</summary>
public sealed class GatewayCommand
{
    /// <summary>Echoed in the reply.</summary>
    public required string CorrelationId { get; init; }

    /// <summary>Command-specific arguments (every other JSON member), or null.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Arguments { get; set; }
}

/// <summary>A gateway's reply on <c>.../reply</c>.</summary>
/// <param name="CorrelationId">The command's correlation id.</param>
/// <param name="Ok">True when the command was carried out.</param>
/// <param name="Error">What went wrong, when not ok.</param>
/// <param name="Result">Command-specific result, or null.</param>
public sealed record CommandReply(string CorrelationId, bool Ok, string? Error = null, JsonElement? Result = null);
