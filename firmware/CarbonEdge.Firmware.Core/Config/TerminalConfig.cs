namespace CarbonEdge.Firmware.Core.Config
{
    /// <summary>
    /// The terminal's configuration (the file format is in firmware/README.md, "Configuration"): identity, poll
    /// interval, meters and points, and the board's settings (serial port, MQTT broker, SNTP, storage, pins).
    /// </summary>
    public sealed class TerminalConfig
    {
        /// <summary>Site id of the telemetry topics.</summary>
        public string Site { get; set; } = "";

        /// <summary>The terminal's id: the <c>gateway</c> of the telemetry topics and payloads.</summary>
        public string Terminal { get; set; } = "";

        /// <summary>Poll interval in seconds; polls happen at multiples of it since midnight UTC (default 60).</summary>
        public int IntervalSeconds { get; set; } = 60;

        /// <summary>Meter response timeout in milliseconds (default 500).</summary>
        public int TimeoutMilliseconds { get; set; } = 500;

        /// <summary>Readings per telemetry batch (default 50).</summary>
        public int BatchReadings { get; set; } = 50;

        /// <summary>The meters on the RS-485 line.</summary>
        public MeterConfig[] Meters { get; set; } = new MeterConfig[0];

        /// <summary>Serial port name (<c>/dev/ttyS1</c>, <c>COM2</c>).</summary>
        public string SerialPort { get; set; } = "";

        /// <summary>Baud rate (default 9600).</summary>
        public int BaudRate { get; set; } = 9600;

        /// <summary>Parity: <c>none</c>, <c>even</c> (DL/T 645 meters) or <c>odd</c> (default none).</summary>
        public string Parity { get; set; } = "none";

        /// <summary>MQTT broker host.</summary>
        public string MqttHost { get; set; } = "";

        /// <summary>MQTT broker port (default 1883).</summary>
        public int MqttPort { get; set; } = 1883;

        /// <summary>SNTP server host, or empty for none.</summary>
        public string SntpHost { get; set; } = "";

        /// <summary>Seconds between SNTP synchronisations (default 3600).</summary>
        public int SntpIntervalSeconds { get; set; } = 3600;

        /// <summary>Block device: a file path on Linux, a flash partition name on the ESP32.</summary>
        public string StoragePath { get; set; } = "";

        /// <summary>Erase pages of the block device (default 64).</summary>
        public int StoragePages { get; set; } = 64;

        /// <summary>Erase page size in bytes (default 4096, the ESP32's SPI flash sector).</summary>
        public int StoragePageSize { get; set; } = 4096;

        /// <summary>Days of energy registers the store keeps when the uplink is down (default 7).</summary>
        public int EnergyDays { get; set; } = 7;

        /// <summary>GPIO of the RS-485 transceiver's DE (and /RE) pin, or -1 when the adapter switches itself.</summary>
        public int DePin { get; set; } = -1;

        /// <summary>GPIO of the status LED, or -1.</summary>
        public int LedPin { get; set; } = -1;

        /// <summary>GPIO of the read-now button (active low), or -1.</summary>
        public int ButtonPin { get; set; } = -1;

        /// <summary>I2C bus of a DS3231 real-time clock, or -1 for none.</summary>
        public int RtcBus { get; set; } = -1;
    }
}
