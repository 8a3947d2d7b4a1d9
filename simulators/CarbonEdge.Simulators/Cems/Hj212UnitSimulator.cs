using System.Globalization;
using System.Net.Sockets;
using CarbonEdge.Protocols.Hj212.Commands;
using CarbonEdge.Protocols.Hj212.Framing;
using CarbonEdge.Protocols.Hj212.Segment;
using CarbonEdge.Simulators.Meters;

namespace CarbonEdge.Simulators.Cems;

/// <summary>
/// A CEMS data-acquisition unit speaking HJ 212-2017 to its upper platform over TCP: real-time data (2011) every
/// interval, minute data (2051) each minute, hour data (2061) each hour, both with Flag A and kept until the platform
/// answers 9014 (so an outage is followed by the history re-send); reconnects; obeys 1012 set-time (answers 9011 and
/// 9012); misbehaves as <see cref="Hj212UnitOptions"/> asks.
/// </summary>
/// <remarks>HJ 212-2017 §6.6 (command flows) and Appendix C.</remarks>
internal sealed class Hj212UnitSimulator(Hj212UnitOptions options, TimeProvider time, TextWriter log)
{
    private readonly StackModel _stack = new();
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
    private readonly SimulationClock _clock = new(time, options.Speed);
    private readonly Random _dice = new(options.Seed);
    private readonly List<Hj212Packet> _pending = [];
    private readonly List<StackState> _hour = [];
    private DateTime _lastQn;
    private double _clockOffsetSeconds = options.ClockOffsetSeconds;
    private bool _outageDone = options.OutageSeconds <= 0;

    /// <summary>The unit's own integral of CO2 mass.</summary>
    public Co2Ledger Ledger { get; } = new(options.Mn, options.ReportPath);

    /// <summary>Records the platform answered (9014).</summary>
    public int Answered { get; private set; }

    /// <summary>Minute and hour records not answered yet.</summary>
    public int Pending => Volatile.Read(ref _pendingCount);

    private int _pendingCount;

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = LocalNow();
        var nextMinute = Floor(now.AddHours(-options.BackfillHours));
        nextMinute = Record(nextMinute, Floor(now));
        var nextRealTime = now;
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient? client = null;
            try
            {
                client = new TcpClient { NoDelay = true };
                await client.ConnectAsync(options.Host, options.Port, cancellationToken).ConfigureAwait(false);
                log.WriteLine($"connected to {options.Host}:{options.Port}; {_pending.Count} records to send");
                var link = new Link(client.GetStream());
                var reading = ReadAsync(link, cancellationToken);
                while (!cancellationToken.IsCancellationRequested && !reading.IsCompleted)
                {
                    now = LocalNow();
                    nextMinute = Record(nextMinute, Floor(now));
                    if (now >= nextRealTime)
                    {
                        var state = _stack.At(Floor(now));
                        await SendAsync(link, StackPackets.Data(Hj212CommandCode.RealTimeData, options.St, options.Pw, options.Mn, NextQn(), UnitTime(now), [state]) with
                        { Flag = new Hj212Flag(Hj212Flag.Version2017, false, false) }, cancellationToken).ConfigureAwait(false);
                        nextRealTime = now.AddSeconds(options.IntervalSeconds);
                    }
                    if (_pending.Count > 0)
                    {
                        if (!await SendAndAwaitAnswerAsync(link, _pending[0], cancellationToken).ConfigureAwait(false)) continue;
                        _pending.RemoveAt(0);
                        Volatile.Write(ref _pendingCount, _pending.Count);
                        Answered++;
                        if (!_outageDone && _pending.Count == 0 && Ledger.MinuteRecords > 0)
                        {
                            _outageDone = true;
                            log.WriteLine($"outage: dropping the link for {options.OutageSeconds} s");
                            client.Dispose();
                            await Task.Delay(TimeSpan.FromSeconds(options.OutageSeconds), cancellationToken).ConfigureAwait(false);
                            break;
                        }
                        continue;
                    }
                    await link.WaitAsync(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException)
            {
                log.WriteLine($"link down ({ex.Message}); {_pending.Count} records wait; reconnecting");
                try { await Task.Delay(1000, cancellationToken).ConfigureAwait(false); } catch (OperationCanceledException) { return; }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            finally
            {
                client?.Dispose();
            }
        }
    }

    /// <summary>Makes the minute (and hour) records of the minutes from <paramref name="from"/> up to <paramref name="until"/>; returns the next minute to record.</summary>
    private DateTime Record(DateTime from, DateTime until)
    {
        for (var minute = from; minute < until; minute = minute.AddMinutes(1))
        {
            var state = _stack.At(minute);
            Ledger.Add(minute, state);
            _pending.Add(StackPackets.Data(Hj212CommandCode.MinuteData, options.St, options.Pw, options.Mn, NextQn(), UnitTime(minute), [state]));
            _hour.Add(state);
            if (minute.Minute == 59)
            {
                _pending.Add(StackPackets.Data(Hj212CommandCode.HourData, options.St, options.Pw, options.Mn, NextQn(), UnitTime(minute.AddMinutes(-59)), [.. _hour]));
                _hour.Clear();
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{minute:yyyy-MM-dd HH}:00 hour recorded: integral {Ledger.DayKg(DateOnly.FromDateTime(minute)) / 1000:0.000000} tCO2 that day, {Ledger.TotalKg / 1000:0.000000} tCO2 in all ({Ledger.MinuteRecords} minute records)"));
            }
        }
        Volatile.Write(ref _pendingCount, _pending.Count);
        return until > from ? until : from;
    }

    private async Task<bool> SendAndAwaitAnswerAsync(Link link, Hj212Packet packet, CancellationToken cancellationToken)
    {
        var parts = options.Split ? SplitInTwo(packet) : [packet];
        link.ExpectAnswers(packet.Qn!, parts.Length);
        foreach (var part in parts) await SendAsync(link, part, cancellationToken).ConfigureAwait(false);
        return await link.AnsweredAsync(options.AnswerTimeout, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(Link link, Hj212Packet packet, CancellationToken cancellationToken)
    {
        var bytes = Hj212Framing.Encode(Hj212Segment.Format(packet));
        if (_dice.NextDouble() < options.BadCrcRate) bytes[^3] = bytes[^3] == (byte)'0' ? (byte)'1' : (byte)'0';
        if (_dice.NextDouble() < options.WrongLengthRate) bytes[5] = bytes[5] == (byte)'9' ? (byte)'0' : (byte)(bytes[5] + 1);
        if (_dice.NextDouble() < options.DisconnectMidPacketRate)
        {
            await link.Stream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), cancellationToken).ConfigureAwait(false);
            throw new IOException("fault: disconnected in the middle of a packet");
        }
        if (!options.Dribble)
        {
            await link.Stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            return;
        }
        for (int offset = 0; offset < bytes.Length;)
        {
            int piece = Math.Min(bytes.Length - offset, _dice.Next(1, 200));
            await link.Stream.WriteAsync(bytes.AsMemory(offset, piece), cancellationToken).ConfigureAwait(false);
            offset += piece;   // NoDelay: each write leaves as its own TCP segment
        }
    }

    private static Hj212Packet[] SplitInTwo(Hj212Packet packet)
    {
        Hj212Cp.TryParse(packet.Cp, out var cp, out _);
        int half = cp!.Pollutants.Count / 2;
        var flag = packet.Flag!.Value with { Split = true };
        return
        [
            packet with { Flag = flag, PacketCount = 2, PacketNumber = 1, Cp = (cp with { Pollutants = cp.Pollutants.Take(half).ToList() }).Format() },
            packet with { Flag = flag, PacketCount = 2, PacketNumber = 2, Cp = (cp with { Pollutants = cp.Pollutants.Skip(half).ToList() }).Format() },
        ];
    }

    /// <summary>Reads what the platform sends: 9014 answers, and 1012 set-time (obeyed, answered 9011 and 9012).</summary>
    private async Task ReadAsync(Link link, CancellationToken cancellationToken)
    {
        var buffer = new byte[Hj212Framing.MaxPacketLength * 2];
        int filled = 0;
        while (true)
        {
            int read = await link.Stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0) return;
            filled += read;
            int offset = 0;
            while (Hj212Framing.TryDecode(buffer.AsSpan(offset, filled - offset), Hj212CrcMode.Hj212, out var frame, out int consumed, out _) is var status
                && status != DecodeStatus.NeedMoreData)
            {
                offset += consumed;
                if (status != DecodeStatus.Complete || !Hj212Segment.TryParse(frame!.DataSegment, out var packet, out _, out _)) continue;
                if (packet!.Cn == Hj212CommandCode.DataReply) link.Answer(packet.Qn);
                else if (packet.Cn == Hj212CommandCode.SetTime) await ObeySetTimeAsync(link, packet, cancellationToken).ConfigureAwait(false);
                else if (packet.Cn == Hj212CommandCode.RequestReply) log.WriteLine($"platform answered 9011: {packet.Cp}");
            }
            buffer.AsSpan(offset, filled - offset).CopyTo(buffer);
            filled -= offset;
        }
    }

    private async Task ObeySetTimeAsync(Link link, Hj212Packet setTime, CancellationToken cancellationToken)
    {
        if (Hj212Cp.TryParse(setTime.Cp, out var cp, out _) && cp!.Parameter("SystemTime") is { } text && Hj212Time.TryParse(text, out var set))
        {
            _clockOffsetSeconds = (set - LocalNow()).TotalSeconds;
            if (Math.Abs(_clockOffsetSeconds) < 2) _clockOffsetSeconds = 0;
            log.WriteLine($"clock set by the platform to {text} (offset now {_clockOffsetSeconds:0} s)");
        }
        var flag = new Hj212Flag(Hj212Flag.Version2017, false, false);
        foreach (var (cn, result) in new[] { (Hj212CommandCode.RequestReply, "QnRtn=1"), (Hj212CommandCode.ExecutionResult, "ExeRtn=1") })
        {
            var reply = new Hj212Packet(setTime.Qn, "91", cn, options.Pw, options.Mn, flag, null, null, result);
            await link.Stream.WriteAsync(Hj212Framing.Encode(Hj212Segment.Format(reply)), cancellationToken).ConfigureAwait(false);
        }
    }

    private DateTime LocalNow() => TimeZoneInfo.ConvertTime(_clock.Now, _zone).DateTime;

    private DateTime UnitTime(DateTime trueLocal) => trueLocal.AddSeconds(Math.Round(_clockOffsetSeconds));

    private DateTime NextQn()
    {
        var now = LocalNow();
        _lastQn = now > _lastQn ? now : _lastQn.AddMilliseconds(1);
        return _lastQn;
    }

    private static DateTime Floor(DateTime time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerMinute, time.Kind);

    /// <summary>One connection: its stream and the answer the unit waits for.</summary>
    private sealed class Link(NetworkStream stream)
    {
        private readonly SemaphoreSlim _signal = new(0);
        private string? _expected;
        private int _missing;

        public NetworkStream Stream { get; } = stream;

        /// <summary>The next answers awaited: <paramref name="count"/> 9014 with QN <paramref name="qn"/> (one per part of a split packet).</summary>
        public void ExpectAnswers(string qn, int count)
        {
            lock (_signal)
            {
                _expected = qn;
                _missing = count;
            }
        }

        public void Answer(string? qn)
        {
            lock (_signal)
            {
                if (qn is null || qn != _expected) return;
                _missing--;
            }
            _signal.Release();
        }

        public async Task<bool> AnsweredAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                lock (_signal)
                {
                    if (_missing <= 0) return true;
                }
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) return false;
                await _signal.WaitAsync(left, cancellationToken).ConfigureAwait(false);
            }
        }

        public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
    }
}
