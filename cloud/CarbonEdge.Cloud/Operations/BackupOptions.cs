namespace CarbonEdge.Cloud.Operations;

/// <summary>How <c>backup</c> and <c>restore</c> reach InfluxDB's backup service (config section <c>backup</c>).</summary>
internal sealed class BackupOptions
{
    /// <summary>InfluxDB 1.x RPC address (its <c>bind-address</c>, default <c>127.0.0.1:8088</c>).</summary>
    public string InfluxHost { get; set; } = "127.0.0.1:8088";

    /// <summary>The <c>influxd</c> program (default found on PATH).</summary>
    public string Influxd { get; set; } = "influxd";
}
