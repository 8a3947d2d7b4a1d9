namespace CarbonEdge.Protocols.Modbus.Transport;

/// <summary>
/// The one thread that receives for every Modbus TCP connection of the process: it waits in epoll(7) on all their
/// sockets until the earliest deadline of the requests in flight, hands what arrives to its connection (which decodes
/// the frames and completes the requests), and fails the requests whose deadline passed. A gateway polling 500 devices
/// keeps one thread for them, not 500 (each costs about 100 KB of resident memory: stack, allocator arena, runtime
/// state). Neither an answer nor a timeout waits for the thread pool, so response timeouts hold while it is busy.
/// </summary>
/// <remarks>
/// Completions run on this thread: code that awaits an exchange continues here until its next await, so it must not
/// block (on another exchange, on a disk write): every connection of the process waits meanwhile. Answers that arrived
/// during such a stall are taken before deadlines are checked, so a stall delays a timeout but never causes one.
/// </remarks>
internal sealed class MbapReceiver
{
    private const int MaxEvents = 64;
    private static readonly Lazy<MbapReceiver> Instance = new(() => new MbapReceiver());
    private readonly int _epoll, _wake;
    private readonly object _gate = new();
    private readonly Dictionary<ulong, MbapConnection> _connections = []; // by the datum registered with epoll
    private readonly PriorityQueue<(MbapConnection Connection, MbapExchange Exchange, ushort TransactionId), long> _deadlines = new();
    private ulong _nextDatum = 1; // 0 is the wake-up eventfd
    private long _waitingUntil = long.MinValue; // the deadline the thread waits for; MinValue while it is not waiting

    private MbapReceiver()
    {
        _epoll = Epoll.Create(Epoll.EPOLL_CLOEXEC);
        if (_epoll < 0) throw new ModbusConnectionException($"modbus tcp: epoll_create1 failed ({Epoll.LastError()})");
        _wake = Epoll.EventFd(0, Epoll.EFD_CLOEXEC | Epoll.EFD_NONBLOCK);
        if (_wake < 0 || Epoll.Add(_epoll, _wake, Epoll.EPOLLIN, 0) != 0) throw new ModbusConnectionException($"modbus tcp: eventfd failed ({Epoll.LastError()})");
        new Thread(Run) { IsBackground = true, Name = "modbus tcp receive" }.Start();
    }

    /// <summary>The receiver of the process (started on first use).</summary>
    public static MbapReceiver Shared => Instance.Value;

    /// <summary>Starts receiving for <paramref name="connection"/>, whose socket is <paramref name="descriptor"/>.</summary>
    /// <exception cref="ModbusConnectionException">epoll refused the socket.</exception>
    public void Add(MbapConnection connection, int descriptor)
    {
        ulong datum;
        lock (_gate)
        {
            datum = _nextDatum++;
            _connections.Add(datum, connection);
        }
        if (Epoll.Add(_epoll, descriptor, Epoll.EPOLLIN | Epoll.EPOLLRDHUP, datum) == 0) return;
        string error = Epoll.LastError();
        lock (_gate) _connections.Remove(datum);
        throw new ModbusConnectionException($"modbus tcp: epoll_ctl failed ({error})");
    }

    /// <summary>Stops receiving for <paramref name="connection"/> before its socket is closed (on this thread, when the connection ends).</summary>
    public void Remove(MbapConnection connection, int descriptor)
    {
        Epoll.Remove(_epoll, descriptor);
        lock (_gate)
        {
            foreach (var (datum, added) in _connections)
            {
                if (added != connection) continue;
                _connections.Remove(datum);
                return;
            }
        }
    }

    /// <summary>Times <paramref name="exchange"/> out at its deadline unless it is answered first; call before sending it.</summary>
    public void Watch(MbapConnection connection, MbapExchange exchange, ushort transactionId)
    {
        lock (_gate)
        {
            _deadlines.Enqueue((connection, exchange, transactionId), exchange.Deadline);
            if (exchange.Deadline >= _waitingUntil) return;
            _waitingUntil = long.MinValue; // one wake-up is enough
        }
        Epoll.EventFdWrite(_wake, 1);
    }

    private unsafe void Run()
    {
        byte* events = stackalloc byte[MaxEvents * 16];
        while (true)
        {
            int ready = Epoll.Wait(_epoll, events, MaxEvents, NextTimeoutMs());
            lock (_gate) _waitingUntil = long.MinValue;
            for (int i = 0; i < ready; i++)
            {
                ulong datum = Epoll.Datum(events, i);
                if (datum == 0)
                {
                    Epoll.EventFdRead(_wake, out _);
                    continue;
                }
                MbapConnection? connection;
                lock (_gate) _connections.TryGetValue(datum, out connection);
                connection?.OnReadable();
            }
            ExpireDue();
        }
    }

    /// <summary>Until the earliest deadline still waited for (dropping answered requests from the front), in ms; -1: none.</summary>
    private int NextTimeoutMs()
    {
        lock (_gate)
        {
            while (_deadlines.TryPeek(out var entry, out long deadline))
            {
                if (!entry.Exchange.IsWaitingFor(entry.Connection, entry.TransactionId))
                {
                    _deadlines.Dequeue();
                    continue;
                }
                _waitingUntil = deadline;
                var time = entry.Connection.Time;
                long now = time.GetTimestamp();
                return deadline <= now ? 0 : (int)Math.Ceiling(Math.Min(int.MaxValue, time.GetElapsedTime(now, deadline).TotalMilliseconds));
            }
            _waitingUntil = long.MaxValue;
            return -1;
        }
    }

    /// <summary>Fails the requests whose deadline has passed and that are still unanswered.</summary>
    private void ExpireDue()
    {
        while (true)
        {
            (MbapConnection Connection, MbapExchange Exchange, ushort TransactionId) entry;
            lock (_gate)
            {
                if (!_deadlines.TryPeek(out entry, out long deadline) || deadline > entry.Connection.Time.GetTimestamp()) return;
                _deadlines.Dequeue();
            }
            entry.Connection.TimeOut(entry.Exchange, entry.TransactionId);
        }
    }
}
