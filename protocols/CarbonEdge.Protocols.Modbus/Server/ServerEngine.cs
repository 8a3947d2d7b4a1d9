using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Modbus.Pdu;
using CarbonEdge.Protocols.Modbus.Transport;

namespace CarbonEdge.Protocols.Modbus.Server;

/// <summary>
/// What every server framing shares: answer a request PDU from the data store with the faults drawn for it,
/// count it, and send the response ADU (at once or dribbled byte by byte).
/// </summary>
internal sealed class ServerEngine(IModbusDataStore store, ModbusServerFaults faults, ModbusServerStatistics statistics, TimeProvider time)
{
    public ModbusServerStatistics Statistics => statistics;

    /// <summary>
    /// The response PDU to <paramref name="request"/> in <paramref name="response"/>; returns its length, or 0 when nothing
    /// is to be sent. <paramref name="answerUnit"/> is the unit id to answer with; <paramref name="applied"/> the faults drawn.
    /// </summary>
    public int Answer(byte unitId, ReadOnlySpan<byte> request, Span<byte> response, bool broadcast, out byte answerUnit,
        out ModbusServerFaults.Settings applied)
    {
        statistics.Request();
        answerUnit = unitId;
        applied = ModbusServerFaults.Settings.None;
        if (!broadcast && !store.HasUnit(unitId))
        {
            statistics.NotAnswered();
            return 0;
        }
        applied = faults.Draw();
        int length = applied.Exception != ModbusExceptionCode.None && request.Length > 0
            ? ExceptionPdu.Encode(response, request[0], applied.Exception)
            : ModbusRequestProcessor.Process(store, unitId, request, response);
        if (broadcast || applied.Silent)
        {
            statistics.NotAnswered();
            return 0;
        }
        if (applied.WrongUnit) answerUnit = (byte)(unitId + 1);
        statistics.Response(ExceptionPdu.IsException(response[..length]));
        return length;
    }

    /// <summary>Waits the drawn delay, then writes <paramref name="adu"/>, byte by byte when dribbling.</summary>
    public async ValueTask SendAsync(IByteChannel channel, ReadOnlyMemory<byte> adu, ModbusServerFaults.Settings applied, CancellationToken cancellationToken)
    {
        if (applied.Delay > TimeSpan.Zero) await Task.Delay(applied.Delay, time, cancellationToken).ConfigureAwait(false);
        if (applied.Dribble <= TimeSpan.Zero)
        {
            await channel.WriteAsync(adu, cancellationToken).ConfigureAwait(false);
            return;
        }
        for (int i = 0; i < adu.Length; i++)
        {
            if (i > 0) await Task.Delay(applied.Dribble, time, cancellationToken).ConfigureAwait(false);
            await channel.WriteAsync(adu.Slice(i, 1), cancellationToken).ConfigureAwait(false);
        }
    }
}
