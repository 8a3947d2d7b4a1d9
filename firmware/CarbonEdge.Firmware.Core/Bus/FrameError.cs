namespace CarbonEdge.Firmware.Core.Bus
{
    /// <summary>Why a received frame was refused.</summary>
    public enum FrameError
    {
        /// <summary>No error.</summary>
        None,
        /// <summary>Modbus CRC or DL/T 645 CS does not match the frame.</summary>
        BadChecksum,
        /// <summary>The frame comes from another unit id or meter address.</summary>
        WrongAddress,
        /// <summary>The function or control code does not answer the request.</summary>
        UnexpectedFunction,
        /// <summary>A length field disagrees with the request or the frame.</summary>
        BadLength,
        /// <summary>A start or end delimiter is missing (DL/T 645 0x68 / 0x16).</summary>
        BadDelimiter,
    }
}
