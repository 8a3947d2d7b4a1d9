using System.ComponentModel.DataAnnotations;

namespace CarbonEdge.Edge.Health;

/// <summary>The gateway's operations endpoints <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c> (config section <c>health</c>).</summary>
internal sealed class MetricsOptions
{
    /// <summary>Port of <c>http://{MetricsHost}:{port}/</c> (healthz, readyz, metrics); 0 (the default) serves none.</summary>
    [Range(0, 65535)]
    public int MetricsPort { get; set; }

    /// <summary>Address to listen on (default 127.0.0.1: local scrapers only).</summary>
    [Required]
    public string MetricsHost { get; set; } = "127.0.0.1";
}
