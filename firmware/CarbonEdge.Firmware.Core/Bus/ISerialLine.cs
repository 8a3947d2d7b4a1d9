namespace CarbonEdge.Firmware.Core.Bus
{
    /// <summary>
    /// A half-duplex RS-485 line as the board gives it: the board switches the transceiver's DE pin around
    /// <see cref="Write"/> (or the adapter does it automatically). Bytes only; framing is the masters' job.
    /// </summary>
    public interface ISerialLine
    {
        /// <summary>Drops bytes received and not yet read (a late answer to an earlier request).</summary>
        void DiscardInput();

        /// <summary>Sends <paramref name="count"/> bytes and returns when they have left the UART.</summary>
        void Write(byte[] buffer, int offset, int count);

        /// <summary>
        /// Reads up to <paramref name="count"/> bytes, waiting at most <paramref name="timeoutMilliseconds"/> for the first.
        /// Returns the number read; 0 when nothing arrived in time.
        /// </summary>
        int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds);
    }
}
