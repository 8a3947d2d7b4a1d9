namespace CarbonEdge.Firmware.Core.Config
{
    /// <summary>One meter on the line: its telemetry device id, protocol, address and points.</summary>
    public sealed class MeterConfig
    {
        /// <summary>Device id in the telemetry, <c>[a-z0-9-]{1,64}</c>.</summary>
        public string Id { get; set; } = "";

        /// <summary><see cref="Id"/> as ASCII bytes.</summary>
        public byte[] IdAscii { get; set; } = new byte[0];

        /// <summary>The meter's protocol.</summary>
        public MeterProtocol Protocol { get; set; }

        /// <summary>Modbus unit id (1..247).</summary>
        public byte UnitId { get; set; }

        /// <summary>DL/T 645 address, 6 wire bytes (BCD, low byte first).</summary>
        public byte[] Address { get; } = new byte[6];

        /// <summary>The points read from this meter.</summary>
        public PointConfig[] Points { get; set; } = new PointConfig[0];
    }
}
