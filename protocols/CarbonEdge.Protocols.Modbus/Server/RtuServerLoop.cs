using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Modbus.Framing;
using CarbonEdge.Protocols.Modbus.Pdu;
using CarbonEdge.Protocols.Modbus.Transport;

namespace CarbonEdge.Protocols.Modbus.Server;

/// <summary>
/// Serves RTU frames on one byte channel (a serial line, or a TCP connection carrying RTU): a frame ends at the
/// length its function code implies, or at a silence of the frame gap. A frame with a bad CRC (or garbage)
/// is counted and everything up to the next silence is dropped, as the serial line standard asks; requests to
/// unit 0 are broadcasts, carried out and not answered.
/// </summary>
/// <remarks>Modbus over Serial Line V1.02 §2.5.1.1 (frame gaps) and §2.1 (broadcast mode).</remarks>
internal static class RtuServerLoop
{
    public static async Task RunAsync(IByteChannel channel, ServerEngine engine, TimeSpan frameGap,
        CancellationToken cancellationToken)
    {
        byte[] receive = new byte[2 * RtuFraming.MaxAduLength];
        byte[] send = new byte[RtuFraming.MaxAduLength];
        byte[] pdu = new byte[ModbusPdu.MaxLength];
        byte[] response = new byte[ModbusPdu.MaxLength];
        int end = 0;
        bool silence = false, discarding = false;
        while (true)
        {
            while (end > 0 && !discarding)
            {
                var status = RtuFraming.TryDecodeRequest(receive.AsSpan(0, end), silence, out var frame, out int consumed, out _);
                if (status == DecodeStatus.NeedMoreData) break;
                if (status == DecodeStatus.Invalid)
                {
                    engine.Statistics.BadFrame();
                    end = 0;
                    discarding = !silence;
                    break;
                }
                byte unitId = frame.UnitId;
                int pduLength = frame.Pdu.Length;
                frame.Pdu.CopyTo(pdu);
                Buffer.BlockCopy(receive, consumed, receive, 0, end - consumed);
                end -= consumed;
                int length = engine.Answer(unitId, pdu.AsSpan(0, pduLength), response, broadcast: unitId == 0, out byte answerUnit, out var applied);
                if (length == 0) continue;
                int aduLength = RtuFraming.Encode(send, answerUnit, response.AsSpan(0, length));
                if (applied.BadCrc) send[aduLength - 1] ^= 0xFF;
                await engine.SendAsync(channel, send.AsMemory(0, aduLength), applied, cancellationToken).ConfigureAwait(false);
            }
            if (end == receive.Length)
            {
                engine.Statistics.BadFrame();
                end = 0;
                discarding = true;
            }
            silence = false;
            if (end == 0 && !discarding)
            {
                end = await channel.ReadAsync(receive, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                continue;
            }
            int read = await channel.ReadAsync(receive.AsMemory(discarding ? 0 : end), frameGap, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                silence = true;
                discarding = false;
            }
            else if (!discarding)
            {
                end += read;
            }
        }
    }
}
