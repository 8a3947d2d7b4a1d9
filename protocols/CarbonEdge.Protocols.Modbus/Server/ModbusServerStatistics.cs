namespace CarbonEdge.Protocols.Modbus.Server;

/// <summary>Counters of a running server (read while it runs; updated atomically).</summary>
public sealed class ModbusServerStatistics
{
    private long _requests, _responses, _exceptions, _badFrames, _ignored, _connections;

    /// <summary>Well-formed requests received.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Responses sent (normal and exception).</summary>
    public long Responses => Interlocked.Read(ref _responses);

    /// <summary>Exception responses sent.</summary>
    public long Exceptions => Interlocked.Read(ref _exceptions);

    /// <summary>Frames dropped as malformed (bad CRC, bad MBAP header, truncated).</summary>
    public long BadFrames => Interlocked.Read(ref _badFrames);

    /// <summary>Requests not answered: unit not served, broadcast, or the silence fault.</summary>
    public long Unanswered => Interlocked.Read(ref _ignored);

    /// <summary>TCP connections accepted so far.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    internal void Request() => Interlocked.Increment(ref _requests);
    internal void Response(bool exception)
    {
        Interlocked.Increment(ref _responses);
        if (exception) Interlocked.Increment(ref _exceptions);
    }
    internal void BadFrame() => Interlocked.Increment(ref _badFrames);
    internal void NotAnswered() => Interlocked.Increment(ref _ignored);
    internal void Connection() => Interlocked.Increment(ref _connections);
}
