using System.ComponentModel.DataAnnotations;

namespace CarbonEdge.Edge.Config;

/// <summary>One device of the <c>devices</c> list.</summary>
internal sealed class DeviceOptions
{
    /// <summary>Device id, <c>[a-z0-9-]{1,64}</c>, as it appears in telemetry.</summary>
    [Required, RegularExpression("^[a-z0-9-]{1,64}$")]
    public string Id { get; set; } = "";

    /// <summary>Driver: <c>modbus-tcp</c>, <c>modbus-rtu</c>, <c>modbus-rtutcp</c>.</summary>
    [Required]
    public string Driver { get; set; } = "";

    /// <summary>Polling interval in ms (default 5000).</summary>
    [Range(10, 86400000)]
    public int IntervalMs { get; set; } = 5000;

    /// <summary>Connection and unit settings of Modbus drivers.</summary>
    public ModbusDeviceOptions? Modbus { get; set; }

    /// <summary>The points read from the device.</summary>
    public List<PointOptions> Points { get; set; } = [];
}

/// <summary>Connection of a Modbus device (section <c>modbus</c> of a device).</summary>
internal sealed class ModbusDeviceOptions
{
    /// <summary>Host of a Modbus TCP device or serial device server.</summary>
    public string? Host { get; set; }

    /// <summary>TCP port (default 502).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 502;

    /// <summary>Unit id (slave address), 0-247 (default 1).</summary>
    [Range(0, 247)]
    public int UnitId { get; set; } = 1;

    /// <summary>Response timeout in ms (default 1000).</summary>
    [Range(10, 60000)]
    public int TimeoutMs { get; set; } = 1000;

    /// <summary>Retries after a timeout before the points are reported bad (default 1).</summary>
    [Range(0, 10)]
    public int Retries { get; set; } = 1;
}

/// <summary>One point read from a device: where it lives and how to decode it.</summary>
internal sealed class PointOptions
{
    /// <summary>Contract point name, e.g. <c>power.active</c>.</summary>
    [Required]
    public string Point { get; set; } = "";

    /// <summary>Modbus function code that reads it: 3 (holding) or 4 (input registers).</summary>
    public int Function { get; set; } = 3;

    /// <summary>Register address (0-based protocol address).</summary>
    [Range(0, 65535)]
    public int Address { get; set; }

    /// <summary>uint16, int16, uint32, int32, float32, float64 (…).</summary>
    public string Type { get; set; } = "uint16";

    /// <summary>Word/byte order: ABCD, CDAB, BADC, DCBA.</summary>
    public string Order { get; set; } = "ABCD";

    /// <summary>Value = raw x scale + offset, in the point's unit.</summary>
    public double Scale { get; set; } = 1.0;

    /// <summary>Added after scaling.</summary>
    public double Offset { get; set; }
}
