using System.ComponentModel.DataAnnotations;

namespace CarbonEdge.Edge.Config;

/// <summary>
/// One serial bus (an RS-485 line; entry of the <c>serialBuses</c> list): its port and line settings. DL/T 645 meters
/// and Modbus RTU devices name it with their <c>bus</c> and share it: one port, one request at a time.
/// </summary>
/// <remarks>DL/T 645-2007 §7.4 and DL/T 645-1997 (2400 and 1200 baud, 8E1 as meters ship); Modbus over Serial Line V1.02 §2.5.1.</remarks>
internal sealed class SerialBusOptions
{
    /// <summary>Bus name, <c>[a-z0-9-]{1,64}</c>, as devices name it and <c>/metrics</c> labels it.</summary>
    [Required, RegularExpression("^[a-z0-9-]{1,64}$")]
    public string Name { get; set; } = "";

    /// <summary>Serial port, e.g. <c>/dev/ttyUSB0</c>.</summary>
    [Required]
    public string Port { get; set; } = "";

    /// <summary>Baud rate; 0 (default): 1200 when every DL/T 645 meter on the bus is a 1997 one, else 2400.</summary>
    [Range(0, 115200)]
    public int Baud { get; set; }

    /// <summary>Data bits, 7 or 8 (default 8).</summary>
    [Range(7, 8)]
    public int DataBits { get; set; } = 8;

    /// <summary>Parity N, E or O (default E, as meters ship: 8E1).</summary>
    [RegularExpression("^[NEOneo]$")]
    public string Parity { get; set; } = "E";

    /// <summary>Stop bits, 1 or 2 (default 1).</summary>
    [Range(1, 2)]
    public int StopBits { get; set; } = 1;
}
