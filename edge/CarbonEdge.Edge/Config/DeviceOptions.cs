using System.ComponentModel.DataAnnotations;

namespace CarbonEdge.Edge.Config;

/// <summary>One device of the <c>devices</c> list.</summary>
internal sealed class DeviceOptions
{
    /// <summary>Device id, <c>[a-z0-9-]{1,64}</c>, as it appears in telemetry.</summary>
    [Required, RegularExpression("^[a-z0-9-]{1,64}$")]
    public string Id { get; set; } = "";

    /// <summary>Driver: <c>modbus-tcp</c>, <c>modbus-rtu</c>, <c>modbus-rtutcp</c>, <c>dlt645</c>.</summary>
    [Required]
    public string Driver { get; set; } = "";

    /// <summary>Polling interval in ms (default 5000).</summary>
    [Range(10, 86400000)]
    public int IntervalMs { get; set; } = 5000;

    /// <summary>
    /// Name of the serial bus (<c>serialBuses</c>) a <c>modbus-rtu</c> or <c>dlt645</c> device is on, instead of its own
    /// <c>serialPort</c> and line settings; DL/T 645 meters and Modbus RTU devices may share one bus.
    /// </summary>
    public string? Bus { get; set; }

#pragma warning disable SYSLIB1212, SYSLIB1213 // checked one by one, each with its place in the file (GatewayConfigLoader)
    /// <summary>Connection and unit settings of Modbus drivers.</summary>
    public ModbusDeviceOptions? Modbus { get; set; }

    /// <summary>Connection and address of a DL/T 645 meter (driver <c>dlt645</c>).</summary>
    public Dlt645DeviceOptions? Dlt645 { get; set; }

    /// <summary>The points read from the device.</summary>
    public List<PointOptions> Points { get; set; } = [];
#pragma warning restore SYSLIB1212, SYSLIB1213
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

    /// <summary>Serial port of a <c>modbus-rtu</c> device, e.g. <c>/dev/ttyUSB0</c>; devices naming the same port share one bus.</summary>
    public string? SerialPort { get; set; }

    /// <summary>Serial baud rate, 1200-115200 (default 9600).</summary>
    [Range(1200, 115200)]
    public int Baud { get; set; } = 9600;

    /// <summary>Serial data bits, 7 or 8 (default 8).</summary>
    [Range(7, 8)]
    public int DataBits { get; set; } = 8;

    /// <summary>
    /// Serial parity: <c>N</c>, <c>E</c> or <c>O</c> (default <c>N</c>, as most meters ship; Modbus over Serial Line
    /// V1.02 §2.5.1 names even parity the default, so set <c>E</c> for devices that follow it).
    /// </summary>
    [RegularExpression("^[NEOneo]$")]
    public string Parity { get; set; } = "N";

    /// <summary>Serial stop bits, 1 or 2 (default 1).</summary>
    [Range(1, 2)]
    public int StopBits { get; set; } = 1;

    /// <summary>Extra silence before each request on a serial bus, in ms, on top of t3.5 (default 0).</summary>
    [Range(0, 10000)]
    public int InterFrameDelayMs { get; set; }

    /// <summary>Wait after a broadcast (unit 0) before the next request on a serial bus, in ms (default 100).</summary>
    [Range(0, 10000)]
    public int TurnaroundDelayMs { get; set; } = 100;

    /// <summary>TCP connect timeout in ms (default 3000).</summary>
    [Range(10, 60000)]
    public int ConnectTimeoutMs { get; set; } = 3000;

    /// <summary>Addresses in <c>points</c> count from 0 (protocol addresses, default) or from 1 (as many meter manuals print them).</summary>
    [Range(0, 1)]
    public int AddressBase { get; set; }

    /// <summary>Registers one request may read from this device (default 125; lower for devices that accept less).</summary>
    [Range(1, 125)]
    public int MaxRegistersPerRead { get; set; } = 125;

    /// <summary>Coils or discrete inputs one request may read (default 2000).</summary>
    [Range(1, 2000)]
    public int MaxBitsPerRead { get; set; } = 2000;

    /// <summary>Unused registers that may be read to merge two points into one request (default 0: contiguous only).</summary>
    [Range(0, 124)]
    public int GapFill { get; set; }

    /// <summary>Consecutive failed polls after which the device is reported offline and backed off (default 3).</summary>
    [Range(1, 1000)]
    public int OfflineAfter { get; set; } = 3;

    /// <summary>First back-off of an offline device in ms; doubles per failed retry up to <see cref="MaxBackoffMs"/> (default 5000).</summary>
    [Range(0, 3600000)]
    public int BackoffMs { get; set; } = 5000;

    /// <summary>Longest back-off of an offline device in ms (default 300000).</summary>
    [Range(0, 86400000)]
    public int MaxBackoffMs { get; set; } = 300000;
}

/// <summary>One point read from a device: where it lives and how to decode it.</summary>
internal sealed class PointOptions
{
    /// <summary>Contract point name, e.g. <c>power.active</c>.</summary>
    [Required]
    public string Point { get; set; } = "";

    /// <summary>Modbus function code that reads it: 1 (coils), 2 (discrete inputs), 3 (holding) or 4 (input registers).</summary>
    [Range(1, 4)]
    public int Function { get; set; } = 3;

    /// <summary>Register or bit address: 0-based protocol address, or 1-based when the device's <c>addressBase</c> is 1.</summary>
    [Range(0, 65536)]
    public int Address { get; set; }

    /// <summary>bit, int16, uint16, int32, uint32, int64, uint64, float32, float64, bcd16 (bcd), bcd32.</summary>
    public string Type { get; set; } = "uint16";

    /// <summary>For <c>bit</c> points read from a register (function 3 or 4): the bit, 0 (least significant) to 15.</summary>
    [Range(0, 15)]
    public int Bit { get; set; }

    /// <summary>Word/byte order: ABCD, CDAB, BADC, DCBA.</summary>
    public string Order { get; set; } = "ABCD";

    /// <summary>Value = raw x scale + offset, in the point's unit.</summary>
    public double Scale { get; set; } = 1.0;

    /// <summary>Added after scaling.</summary>
    public double Offset { get; set; }
}
