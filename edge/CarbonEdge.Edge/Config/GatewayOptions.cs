using System.ComponentModel.DataAnnotations;

namespace CarbonEdge.Edge.Config;

/// <summary>Identity and storage of the gateway (config section <c>gateway</c>).</summary>
internal sealed class GatewayOptions
{
    /// <summary>Site id, <c>[a-z0-9-]{1,64}</c>.</summary>
    [Required, RegularExpression("^[a-z0-9-]{1,64}$")]
    public string Site { get; set; } = "";

    /// <summary>Gateway id, <c>[a-z0-9-]{1,64}</c>.</summary>
    [Required, RegularExpression("^[a-z0-9-]{1,64}$")]
    public string Id { get; set; } = "";

    /// <summary>Folder of the SQLite buffer (<c>buffer.db</c>); relative paths are relative to the config file.</summary>
    [Required]
    public string DataDir { get; set; } = "data";
}

/// <summary>The whole gateway config file (JSON): <c>gateway</c>, <c>mqtt</c>, <c>uplink</c>, <c>buffer</c>, <c>serialBuses</c>, <c>devices</c>, <c>health</c>, optional <c>hj212</c>.</summary>
internal sealed class GatewayConfig
{
    public GatewayOptions Gateway { get; set; } = new();
    public MqttUplinkOptions Mqtt { get; set; } = new();
    public UplinkOptions Uplink { get; set; } = new();
    public Buffer.BufferLimits Buffer { get; set; } = new();
    public List<SerialBusOptions> SerialBuses { get; set; } = [];
    public List<DeviceOptions> Devices { get; set; } = [];
    public Health.MetricsOptions Health { get; set; } = new();
    public Hj212.Hj212InputOptions? Hj212 { get; set; }
}

/// <summary>Broker connection of the uplink (config section <c>mqtt</c>).</summary>
internal sealed class MqttUplinkOptions
{
    /// <summary><c>mqtt://host:port</c> or <c>mqtts://host:port</c>.</summary>
    [Required]
    public string Url { get; set; } = "mqtt://127.0.0.1:1883";

    /// <summary>MQTT client id; default <c>cedge-{site}-{gateway}</c>.</summary>
    public string? ClientId { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Keep-alive in seconds (default 30).</summary>
    [Range(5, 3600)]
    public int KeepAliveSeconds { get; set; } = 30;

    /// <summary>PEM file of the CA that signed the broker's certificate (mqtts://); relative to the config file.</summary>
    public string? CaFile { get; set; }

    /// <summary>PEM file of the client certificate (with <see cref="KeyFile"/>); relative to the config file.</summary>
    public string? CertFile { get; set; }

    /// <summary>PEM file of the client certificate's private key; relative to the config file.</summary>
    public string? KeyFile { get; set; }

    /// <summary><c>3.1.1</c> (default) or <c>5</c>.</summary>
    public string ProtocolVersion { get; set; } = "3.1.1";
}

/// <summary>How readings leave the buffer (config section <c>uplink</c>).</summary>
internal sealed class UplinkOptions
{
    /// <summary>Readings per telemetry batch at most (default 500; batches also stay under 256 KiB).</summary>
    [Range(1, 10000)]
    public int MaxReadingsPerBatch { get; set; } = 500;

    /// <summary>How long readings may wait to fill a batch, in ms (default 1000).</summary>
    [Range(0, 600000)]
    public int FlushIntervalMs { get; set; } = 1000;

    /// <summary>
    /// Readings a second at most from the backlog (what was buffered before the last connect) once the link is back
    /// (default 10,000): live readings go out first and the backlog drains behind them at this rate.
    /// </summary>
    [Range(1, 10_000_000)]
    public int BacklogReadingsPerSecond { get; set; } = 10_000;
}
