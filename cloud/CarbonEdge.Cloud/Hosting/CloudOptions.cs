using System.ComponentModel.DataAnnotations;

namespace CarbonEdge.Cloud.Hosting;

/// <summary>The broker the ingestion subscribes to (config section <c>mqtt</c>).</summary>
internal sealed class CloudMqttOptions
{
    /// <summary><c>mqtt://host:port</c>.</summary>
    [Required]
    public string Url { get; set; } = "mqtt://127.0.0.1:1883";

    /// <summary>Client id of this instance; its persistent session keeps what arrives while it is down.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string ClientId { get; set; } = "cedge-cloud-1";

    /// <summary>Shared-subscription group (<c>$share/{group}/...</c>) when several instances split the stream, or null.</summary>
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string? SharedGroup { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Keep-alive, seconds (default 30).</summary>
    [Range(5, 3600)]
    public int KeepAliveSeconds { get; set; } = 30;

    /// <summary>PEM file of the CA that signed the broker's certificate (mqtts://); relative to the config file.</summary>
    public string? CaFile { get; set; }

    /// <summary>PEM file of the client certificate (with <see cref="KeyFile"/>); relative to the config file.</summary>
    public string? CertFile { get; set; }

    /// <summary>PEM file of the client certificate's private key; relative to the config file.</summary>
    public string? KeyFile { get; set; }

    /// <summary><c>3.1.1</c> (default) or <c>5</c>.</summary>
    [RegularExpression("^(3\\.1\\.1|5)$")]
    public string ProtocolVersion { get; set; } = "3.1.1";
}

/// <summary>Registry database and its seed (config section <c>registry</c>).</summary>
internal sealed class RegistryOptions
{
    /// <summary>SQLite file; relative to the config file (default <c>data/registry.db</c>).</summary>
    [Required]
    public string Path { get; set; } = "data/registry.db";

    /// <summary>A seed file (JSON) applied at start (insert or update), or null.</summary>
    public string? Seed { get; set; }
}

/// <summary>How readings are batched into InfluxDB writes (config section <c>ingestion</c>).</summary>
internal sealed class IngestionOptions
{
    /// <summary>Points per write at most (default 5000).</summary>
    [Range(1, 100_000)]
    public int MaxPoints { get; set; } = 5000;

    /// <summary>Longest a received message waits for its batch to fill, ms (default 200).</summary>
    [Range(0, 60_000)]
    public int MaxDelayMs { get; set; } = 200;

    /// <summary>
    /// Messages per write at most (default 20): a batch is written once this many wait for their PUBACK, because the
    /// broker sends no more than its in-flight window (mosquitto <c>max_inflight_messages</c>, default 20) meanwhile.
    /// </summary>
    [Range(1, 65_535)]
    public int MaxMessages { get; set; } = 20;

    /// <summary>First delay before a failed write is tried again, ms (default 1000); doubles with jitter up to 30 s, for as long as it fails.</summary>
    [Range(1, 60_000)]
    public int RetryDelayMs { get; set; } = 1000;

    /// <summary>Refused messages per gateway kept whole as dead letters in a burst (default 20): the token bucket's size.</summary>
    [Range(1, 100_000)]
    public int DeadLetterBurst { get; set; } = 20;

    /// <summary>Refused messages per gateway and second kept whole once the burst is spent (default 2); the excess is counted and kept as one summary per gateway and period.</summary>
    [Range(1, 100_000)]
    public int DeadLettersPerSecond { get; set; } = 2;

    /// <summary>Seconds the refusals beyond that rate are summed over into one <c>rate_limited</c> dead letter per gateway (default 10).</summary>
    [Range(1, 3600)]
    public int RateLimitSummarySeconds { get; set; } = 10;
}

/// <summary>HTTP listener (config section <c>http</c>).</summary>
internal sealed class HttpOptions
{
    /// <summary>URLs to listen on; loopback only by default (default <c>http://127.0.0.1:8080</c>).</summary>
    [Required]
    public string Urls { get; set; } = "http://127.0.0.1:8080";
}
