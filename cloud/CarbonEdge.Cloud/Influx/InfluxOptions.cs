using System.ComponentModel.DataAnnotations;

namespace CarbonEdge.Cloud.Influx;

/// <summary>
/// Where readings and results are written (config section <c>influx</c>). InfluxDB 1.x: <c>/write?db=</c> and
/// <c>/query</c> with optional Basic auth. InfluxDB 2.x/3.x (and 1.8+): <c>/api/v2/write?org=&amp;bucket=</c>
/// with <c>Authorization: Token</c>, when <see cref="Token"/> is set.
/// </summary>
internal sealed class InfluxOptions
{
    /// <summary>Base URL, e.g. <c>http://127.0.0.1:8086</c>.</summary>
    [Required, Url]
    public string Url { get; set; } = "http://127.0.0.1:8086";

    /// <summary>Database (1.x) or bucket (2.x/3.x). Default <c>carbonedge</c>.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_.-]{1,64}$")]
    public string Database { get; set; } = "carbonedge";

    /// <summary>1.x user for Basic auth, or null.</summary>
    public string? Username { get; set; }

    /// <summary>1.x password.</summary>
    public string? Password { get; set; }

    /// <summary>2.x/3.x API token; when set, writes go to <c>/api/v2/write</c>.</summary>
    public string? Token { get; set; }

    /// <summary>2.x organisation (with <see cref="Token"/>).</summary>
    public string? Org { get; set; }

    /// <summary>Create the 1.x database on start when missing (default true).</summary>
    public bool CreateDatabase { get; set; } = true;

    /// <summary>Points per HTTP write at most (default 5000, what RUNBOOK.md measured fastest).</summary>
    [Range(1, 1_000_000)]
    public int MaxPointsPerWrite { get; set; } = 5000;

    /// <summary>Retries of one write on 429, 5xx or a network error before it is reported failed (default 4).</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>First retry delay in ms; doubles each retry, with jitter (default 200).</summary>
    [Range(1, 60000)]
    public int RetryDelayMs { get; set; } = 200;

    /// <summary>HTTP timeout of one request in seconds (default 30).</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;
}
