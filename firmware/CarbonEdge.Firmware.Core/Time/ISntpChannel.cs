namespace CarbonEdge.Firmware.Core.Time
{
    /// <summary>UDP to the SNTP server, as the board gives it.</summary>
    public interface ISntpChannel
    {
        /// <summary>
        /// Sends the 48-byte <paramref name="request"/> and waits for one datagram into <paramref name="response"/>;
        /// returns its length, or 0 on timeout or network error.
        /// </summary>
        int Exchange(byte[] request, byte[] response);
    }
}
