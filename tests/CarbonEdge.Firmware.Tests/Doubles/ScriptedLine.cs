using CarbonEdge.Firmware.Core.Bus;

namespace CarbonEdge.Firmware.Tests.Doubles;

/// <summary>
/// An RS-485 line whose far end is a function from request bytes to reply bytes (null: silence). Replies are handed
/// out <see cref="ChunkSize"/> bytes per read, as a UART delivers them. Allocation-free once the replies are cached.
/// </summary>
internal sealed class ScriptedLine(Func<byte[], int, byte[]?> respond) : ISerialLine
{
    private byte[]? _reply;
    private int _position;

    public int ChunkSize { get; set; } = int.MaxValue;

    public int Requests { get; private set; }

    public void DiscardInput() { _reply = null; _position = 0; }

    public void Write(byte[] buffer, int offset, int count)
    {
        Requests++;
        byte[] request = offset == 0 && count == buffer.Length ? buffer : buffer[offset..(offset + count)];
        _reply = respond(request, count);
        _position = 0;
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
