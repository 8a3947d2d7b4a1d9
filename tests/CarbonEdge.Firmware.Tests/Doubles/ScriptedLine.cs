using CarbonEdge.Firmware.Core.Bus;

namespace CarbonEdge.Firmware.Tests.Doubles;

/// <summary>
/// An RS-485 line whose far end is a function from request bytes to reply bytes (null: silence). Replies are handed
/// out <see cref="ChunkSize"/> bytes per read, as a UART delivers them. Each distinct request is answered once and
/// cached while <see cref="Cache"/> is on, so the double allocates nothing once it has seen every request.
/// </summary>
internal sealed class ScriptedLine(Func<byte[], byte[]?> respond) : ISerialLine
{
    private readonly List<(byte[] Request, byte[]? Reply)> _cache = [];
    private byte[]? _reply;
    private int _position;

    public int ChunkSize { get; set; } = int.MaxValue;

    public int Requests { get; private set; }

    public bool Cache { get; set; } = true;

    /// <summary>Thrown by the next <see cref="Write"/> (once), as a serial adapter that disappeared.</summary>
    public Exception? FailNextWrite { get; set; }

    public void DiscardInput() { _reply = null; _position = 0; }

    public void Write(byte[] buffer, int offset, int count)
    {
        if (FailNextWrite is { } failure)
        {
            FailNextWrite = null;
            throw failure;
        }
        Requests++;
        _position = 0;
        var request = buffer.AsSpan(offset, count);
        foreach (var (known, reply) in _cache)
        {
            if (request.SequenceEqual(known))
            {
                _reply = reply;
                return;
            }
        }
        _reply = respond(request.ToArray());
        if (Cache)
            _cache.Add((request.ToArray(), _reply));
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        if (_reply is null || _position >= _reply.Length)
            return 0;
        int n = Math.Min(Math.Min(count, ChunkSize), _reply.Length - _position);
        Array.Copy(_reply, _position, buffer, offset, n);
        _position += n;
        return n;
    }
}
