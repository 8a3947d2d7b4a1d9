using System.Buffers;
using System.Text;

namespace CarbonEdge.Cloud.Influx;

/// <summary>
/// A growing UTF-8 request body in an <see cref="ArrayPool{T}"/> array, returned to the pool on dispose: a 5000-point
/// write is about 1 MB, which as a string, its builder's chunks and its encoded copy landed on the large object heap
/// for every batch. Not thread-safe; not usable after dispose.
/// </summary>
internal sealed class Utf8Body : IDisposable
{
    private byte[] _buffer;
    private int _length;

    /// <summary>A body with room for <paramref name="capacity"/> bytes before it grows.</summary>
    public Utf8Body(int capacity = 4096) => _buffer = ArrayPool<byte>.Shared.Rent(capacity);

    /// <summary>The bytes written so far (valid until the next write or dispose).</summary>
    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, _length);

    /// <summary>Bytes written so far.</summary>
    public int Length => _length;

    /// <summary>Appends one ASCII byte.</summary>
    public void Append(byte value)
    {
        if (_length == _buffer.Length) Grow(1);
        _buffer[_length++] = value;
    }

    /// <summary>Appends bytes as they are.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_buffer.Length - _length < bytes.Length) Grow(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Appends <paramref name="text"/> encoded as UTF-8.</summary>
    public void AppendUtf8(ReadOnlySpan<char> text)
    {
        int most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_buffer.Length - _length < most) Grow(most);
        var free = _buffer.AsSpan(_length);
        _length += Ascii.FromUtf16(text, free, out int ascii) == OperationStatus.Done ? ascii : Encoding.UTF8.GetBytes(text, free); // names and ids are ASCII
    }

    /// <summary>Room for at least <paramref name="size"/> bytes at the end, to write and then <see cref="Advance"/> over.</summary>
    public Span<byte> GetSpan(int size)
    {
        if (_buffer.Length - _length < size) Grow(size);
        return _buffer.AsSpan(_length);
    }

    /// <summary>Counts <paramref name="count"/> bytes written into <see cref="GetSpan"/>'s span.</summary>
    public void Advance(int count) => _length += count;

    /// <summary>Appends a value that formats itself as UTF-8 (numbers), in the invariant culture.</summary>
    public void AppendFormatted<T>(T value, ReadOnlySpan<char> format = default) where T : IUtf8SpanFormattable
    {
        int written;
        while (!value.TryFormat(_buffer.AsSpan(_length), out written, format, System.Globalization.CultureInfo.InvariantCulture)) Grow(64);
        _length += written;
    }

    /// <summary>Returns the array to the pool.</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    private void Grow(int needed)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + needed));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
