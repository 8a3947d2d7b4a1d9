namespace CarbonEdge.Firmware.Core.Bus
{
    /// <summary>How one read of one point ended; stored with the reading and named in the telemetry <c>reason</c>.</summary>
    public enum ReadOutcome : byte
    {
        /// <summary>A value was read.</summary>
        Good = 0,
        /// <summary>The meter did not answer within the response timeout.</summary>
        Timeout = 1,
        /// <summary>An answer arrived with a bad CRC or CS.</summary>
        BadChecksum = 2,
        /// <summary>An answer arrived that is not a valid reply to the request (address, function, length).</summary>
        BadFrame = 3,
        /// <summary>The meter answered with a Modbus exception or a DL/T 645 error reply; the code is kept.</summary>
        DeviceError = 4,
        /// <summary>The value decoded is not a number (NaN or infinity) or outside what the telemetry can carry.</summary>
        OutOfRange = 5,
    }
}
