using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace CarbonEdge.Protocols.Mqtt.Formatter;

/// <summary>
/// Reads the MQTT data types from one packet body (big-endian integers, length-prefixed UTF-8 strings and binary
/// data). Each read returns false and sets <see cref="Error"/> instead of throwing.
/// </summary>
/// <remarks>MQTT 3.1.1 §1.5 (data representations); MQTT 5.0 §1.5.</remarks>
internal ref struct MqttSpanReader(ReadOnlySpan<byte> body)
{
    private readonly ReadOnlySpan<byte> _body = body;
    private int _position;

    /// <summary>Why the last failed read failed.</summary>
    public MqttDecodeError Error { get; private set; }

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _body.Length - _position;

    /// <summary>The unread rest of the body.</summary>
    public readonly ReadOnlySpan<byte> Rest => _body[_position..];

    public bool Fail(MqttDecodeError error)
    {
        Error = error;
        return false;
    }

    public bool TryReadByte(out byte value)
    {
        if (_position >= _body.Length)
        {
            value = 0;
            return Fail(MqttDecodeError.Truncated);
        }
        value = _body[_position++];
        return true;
    }

    /// <summary>Two Byte Integer, big-endian (MQTT 3.1.1 §1.5.2).</summary>
    public bool TryReadUInt16(out ushort value)
    {
        if (Remaining < 2)
        {
            value = 0;
            return Fail(MqttDecodeError.Truncated);
        }
        value = BinaryPrimitives.ReadUInt16BigEndian(_body[_position..]);
        _position += 2;
        return true;
    }

    /// <summary>Four Byte Integer, big-endian (MQTT 5.0 §1.5.3).</summary>
    public bool TryReadUInt32(out uint value)
    {
        if (Remaining < 4)
        {
            value = 0;
            return Fail(MqttDecodeError.Truncated);
        }
        value = BinaryPrimitives.ReadUInt32BigEndian(_body[_position..]);
        _position += 4;
        return true;
    }

    /// <summary>Variable Byte Integer inside a body: running out of bytes is a truncation, not "need more data".</summary>
    public bool TryReadVariableByteInteger(out int value)
    {
        switch (MqttVariableByteInteger.TryRead(Rest, out value, out int consumed))
        {
            case DecodeStatus.Complete:
                _position += consumed;
                return true;
            case DecodeStatus.NeedMoreData:
                return Fail(MqttDecodeError.Truncated);
            default:
                return Fail(MqttDecodeError.MalformedRemainingLength);
        }
    }

    /// <summary>The next <paramref name="length"/> bytes.</summary>
    public bool TryReadBytes(int length, out ReadOnlySpan<byte> value)
    {
        if (Remaining < length)
        {
            value = default;
            return Fail(MqttDecodeError.Truncated);
        }
        value = _body.Slice(_position, length);
        _position += length;
        return true;
    }

    /// <summary>UTF-8 Encoded String: two-byte length, well-formed UTF-8 without U+0000 (MQTT 3.1.1 §1.5.3).</summary>
    public bool TryReadString(out string value)
    {
        value = "";
        if (!TryReadUInt16(out ushort length) || !TryReadBytes(length, out var bytes)) return false;
        if (!Utf8.IsValid(bytes) || bytes.Contains((byte)0)) return Fail(MqttDecodeError.InvalidUtf8);
        value = Encoding.UTF8.GetString(bytes);
        return true;
    }

    /// <summary>Binary Data: two-byte length and that many bytes, copied (MQTT 5.0 §1.5.6).</summary>
    public bool TryReadBinary(out byte[] value)
    {
        value = [];
        if (!TryReadUInt16(out ushort length) || !TryReadBytes(length, out var bytes)) return false;
        value = bytes.ToArray();
        return true;
    }
}
