using System.ComponentModel.DataAnnotations;

namespace CarbonEdge.Edge.Config;

/// <summary>
/// A DL/T 645 meter (section <c>dlt645</c> of a device with driver <c>dlt645</c>): its address, the line (a serial port,
/// or a transparent serial server's host and port), framing and timing, the daily frozen reading and the clock rules.
/// Its <c>points</c> name contract points only; the data identifier of each comes from the catalogue (docs/dlt645.md).
/// Meters naming the same serial port share one bus.
/// </summary>
internal sealed class Dlt645DeviceOptions
{
    /// <summary>Meter address, 12 digits as on the name plate.</summary>
    [Required, RegularExpression("^[0-9]{12}$")]
    public string Address { get; set; } = "";

    /// <summary>Protocol edition: <c>2007</c> (default) or <c>1997</c>.</summary>
    [RegularExpression("^(2007|1997)$")]
    public string Version { get; set; } = "2007";

    /// <summary>Serial port, e.g. <c>/dev/ttyUSB0</c>.</summary>
    public string? SerialPort { get; set; }

    /// <summary>Baud rate; 0 (default): 2400 for 2007, 1200 for 1997.</summary>
    [Range(0, 115200)]
    public int Baud { get; set; }

    /// <summary>Parity N, E or O (default E, as meters ship: 8E1).</summary>
    [RegularExpression("^[NEOneo]$")]
    public string Parity { get; set; } = "E";

    /// <summary>Host of a transparent serial server or DTU, instead of a serial port.</summary>
    public string? Host { get; set; }

    /// <summary>Its TCP port.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 8899;

    /// <summary>Wake-up bytes before each request, 0-4 (default 4).</summary>
    [Range(0, 4)]
    public int Preamble { get; set; } = 4;

    /// <summary>Response timeout in ms (default 1000).</summary>
    [Range(10, 60000)]
    public int TimeoutMs { get; set; } = 1000;

    /// <summary>Retries after a timeout or a garbled reply (default 1).</summary>
    [Range(0, 10)]
    public int Retries { get; set; } = 1;

    /// <summary>
    /// Quiet time on the line after a reply before the next request, ms (default 20). It leaves room for a slow RS-485
    /// transceiver to turn the line around and for a late reply's tail; it costs a third of a 9600-baud line
    /// (docs/dlt645.md, figures): lower it where the meters allow.
    /// </summary>
    [Range(0, 1000)]
    public int InterFrameDelayMs { get; set; } = 20;

    /// <summary>Read the meter's daily freeze after each local midnight (2007 meters; default true).</summary>
    public bool FrozenDaily { get; set; } = true;

    /// <summary>
    /// Freezes read at the first poll and after a gap (gateway down over midnight), the last one included: 050601nn for
    /// nn = 1..this (default 7; 1: the last freeze only; a 2007 meter keeps 62, DL/T 645-2007 Table A.6).
    /// </summary>
    [Range(1, 62)]
    public int FrozenBackfillDays { get; set; } = 7;

    /// <summary>Read the meter's clock every this many s and publish <c>clock.drift</c> (default 3600; 0: never).</summary>
    [Range(0, 86400)]
    public int ClockCheckS { get; set; } = 3600;

    /// <summary>Drift, s, above which a broadcast time sync is sent (default 30; at most ±300 s can be corrected).</summary>
    [Range(1, 300)]
    public double ClockSyncThresholdS { get; set; } = 30;

    /// <summary>The plant's time zone: the meter's clock and midnight are local time here (default Asia/Shanghai).</summary>
    public string Zone { get; set; } = "Asia/Shanghai";
}
