using System.ComponentModel.DataAnnotations;

namespace CarbonEdge.Edge.Hj212;

/// <summary>
/// The gateway's HJ 212 input (config section <c>hj212</c>): where it listens as the upper platform, the stations it
/// accepts, and the optional relay to the plant's existing platform.
/// </summary>
internal sealed class Hj212InputOptions
{
    /// <summary>Endpoint to listen on, <c>IP:PORT</c> (e.g. <c>0.0.0.0:9212</c>).</summary>
    [Required]
    public string Listen { get; set; } = "";

    /// <summary>CRC accepted: <c>hj212</c> (Appendix A, default), <c>modbus</c> or <c>either</c>.</summary>
    [Required, RegularExpression("^(hj212|modbus|either)$")]
    public string Crc { get; set; } = "hj212";

    /// <summary>Time zone of the stations' clocks (DataTime carries none); default Asia/Shanghai.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>A unit whose real-time DataTime is further than this from the gateway's clock gets a 1012 set-time, s (default 60).</summary>
    [Range(1, 86400)]
    public int ClockDriftSeconds { get; set; } = 60;

    /// <summary>The plant's existing platform, <c>host:port</c>: every byte received is forwarded there, buffered while it is down. Null: no relay.</summary>
    public string? RelayTo { get; set; }

    /// <summary>The stations (data-acquisition units) accepted.</summary>
#pragma warning disable SYSLIB1213 // checked one by one, each with its place in the file (GatewayConfigLoader)
    public List<Hj212StationOptions> Stations { get; set; } = [];
#pragma warning restore SYSLIB1213
}

/// <summary>One station: its MN and PW, and the device ids its data becomes readings of.</summary>
internal sealed class Hj212StationOptions
{
    /// <summary>The unit's MN.</summary>
    [Required]
    public string Mn { get; set; } = "";

    /// <summary>The unit's PW.</summary>
    [Required]
    public string Pw { get; set; } = "";

    /// <summary>Device id of the minute data (2051), the series the CEMS estimation uses, <c>[a-z0-9-]{1,64}</c>.</summary>
    [Required, RegularExpression("^[a-z0-9-]{1,64}$")]
    public string Device { get; set; } = "";

    /// <summary>Device id of the real-time data (2011); null: real-time data is answered but not stored (it would interleave with the minute series).</summary>
    [RegularExpression("^[a-z0-9-]{1,64}$")]
    public string? RealTimeDevice { get; set; }

    /// <summary>Device id of the hour data (2061); null: answered, not stored.</summary>
    [RegularExpression("^[a-z0-9-]{1,64}$")]
    public string? HourDevice { get; set; }
}
