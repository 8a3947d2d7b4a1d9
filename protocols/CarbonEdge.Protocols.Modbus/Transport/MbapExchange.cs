using System.Threading.Tasks.Sources;
using CarbonEdge.Protocols.Modbus.Framing;

namespace CarbonEdge.Protocols.Modbus.Transport;

/// <summary>
/// One request slot of a <see cref="ModbusTcpTransport"/>, reused from request to request: the encoded request, what
/// the response must match (transaction id, unit id, connection), where the response PDU goes, the deadline, and the
/// awaitable the caller gets. Exactly one party completes it: the receive thread (response, timeout, lost connection),
/// the caller's cancellation token, or a failed send. It claims the slot first by swapping the pending transaction id
/// out, so a slot reused for a later request is never completed with an earlier request's answer.
/// </summary>
internal sealed class MbapExchange(ModbusTcpTransport owner) : IValueTaskSource<int>
{
    private ManualResetValueTaskSourceCore<int> _core = new() { RunContinuationsAsynchronously = false };
    private int _pending; // 0: not waiting; transaction id + 1 while waiting for the response
    private int _rented;
    private CancellationTokenRegistration _cancellation;

    /// <summary>The MBAP request ADU being sent.</summary>
    public byte[] Request { get; } = new byte[MbapFraming.MaxAduLength];

    /// <summary>The connection the request went out on.</summary>
    public MbapConnection? Connection { get; private set; }

    /// <summary>Unit id the request went to; the response must come from it.</summary>
    public byte UnitId { get; private set; }

    /// <summary>Where the response PDU is copied.</summary>
    public Memory<byte> Response { get; private set; }

    /// <summary><see cref="TimeProvider.GetTimestamp"/> after which the request has timed out.</summary>
    public long Deadline { get; private set; }

    /// <summary>Takes the slot if it is free.</summary>
    public bool TryRent() => Interlocked.CompareExchange(ref _rented, 1, 0) == 0;

    /// <summary>
    /// Marks the slot as waiting for <paramref name="transactionId"/> on <paramref name="connection"/> and links the
    /// caller's token; returns what the caller awaits. Call before sending, so that a quick answer finds the slot.
    /// </summary>
    public ValueTask<int> Begin(MbapConnection connection, ushort transactionId, byte unitId, Memory<byte> response, long deadline,
        CancellationToken cancellationToken)
    {
        Connection = connection;
        UnitId = unitId;
        Response = response;
        Deadline = deadline;
        Volatile.Write(ref _pending, transactionId + 1);
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(static (state, token) =>
            {
                var exchange = (MbapExchange)state!;
                int pending = Volatile.Read(ref exchange._pending);
                if (pending != 0 && exchange.TryClaim((ushort)(pending - 1))) exchange.Fail(new OperationCanceledException(token));
            }, this);
        }
        return new ValueTask<int>(this, _core.Version);
    }

    /// <summary>True while waiting for a response to <paramref name="transactionId"/> sent on <paramref name="connection"/>.</summary>
    public bool IsWaitingFor(MbapConnection connection, out ushort transactionId)
    {
        int pending = Volatile.Read(ref _pending);
        transactionId = (ushort)(pending - 1);
        return pending != 0 && Connection == connection;
    }

    /// <summary>True while waiting for the response to exactly <paramref name="transactionId"/> on <paramref name="connection"/> (not a later request in the reused slot).</summary>
    public bool IsWaitingFor(MbapConnection connection, ushort transactionId) => IsWaitingFor(connection, out ushort waiting) && waiting == transactionId;

    /// <summary>Claims the slot for completion if it still waits for <paramref name="transactionId"/>; the winner must then call <see cref="Complete"/> or <see cref="Fail"/>.</summary>
    public bool TryClaim(ushort transactionId) => Interlocked.CompareExchange(ref _pending, 0, transactionId + 1) == transactionId + 1;

    /// <summary>Completes a claimed slot with the response PDU length (the PDU is already in <see cref="Response"/>).</summary>
    public void Complete(int length) => _core.SetResult(length);

    /// <summary>Completes a claimed slot with an error.</summary>
    public void Fail(Exception error) => _core.SetException(error);

    int IValueTaskSource<int>.GetResult(short token)
    {
        if (token != _core.Version) throw new InvalidOperationException("a Modbus exchange was awaited twice");
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            _cancellation.Dispose();
            _cancellation = default;
            Response = default;
            Connection = null;
            _core.Reset();
            Volatile.Write(ref _rented, 0);
            owner.Return();
        }
    }

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
