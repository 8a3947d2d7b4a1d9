using System.Runtime.CompilerServices;
using System.Buffers;
using CarbonEdge.Protocols.Mqtt.Channel;
using CarbonEdge.Protocols.Mqtt.Formatter;
using CarbonEdge.Protocols.Mqtt.Packets;

namespace CarbonEdge.Protocols.Mqtt.Adapter;

/// <summary>
/// A channel plus a formatter: frames received bytes into packets and encodes packets into one write buffer that is
/// sent in a single write. One receiving caller and one sending caller at a time (the client's reader and writer loops).
/// </summary>
internal sealed class MqttChannelAdapter : IAsyncDisposable
{
    private const int InitialReceiveBuffer = 16 * 1024;
    private readonly IMqttChannel _channel;
    private readonly int _maximumPacketSize;
    private readonly ArrayBufferWriter<byte> _sendBuffer = new(InitialReceiveBuffer);
    private byte[] _receiveBuffer = ArrayPool<byte>.Shared.Rent(InitialReceiveBuffer);
    private int _start;
    private int _end;

    public MqttChannelAdapter(IMqttChannel channel, MqttProtocolVersion version, int maximumPacketSize)
    {
        _channel = channel;
        Version = version;
        _maximumPacketSize = maximumPacketSize;
    }

    public MqttProtocolVersion Version { get; }

    public string Endpoint => _channel.Endpoint;

    /// <summary>Bytes encoded and not yet sent.</summary>
    public int PendingBytes => _sendBuffer.WrittenCount;

    public long BytesSent { get; private set; }

    public long BytesReceived { get; private set; }

    /// <summary>A whole packet is already in the receive buffer (the next <see cref="ReceiveAsync"/> will not read the socket).</summary>
    public bool HasCompletePacket =>
        MqttFixedHeader.TryRead(_receiveBuffer.AsSpan(_start, _end - _start), Version, out var header, out _) == DecodeStatus.Complete &&
        header.PacketLength <= _end - _start;

    /// <summary>Reads until one whole packet is there and returns it.</summary>
    /// <exception cref="MqttProtocolException">The bytes are not a valid packet.</exception>
    /// <exception cref="MqttCommunicationException">The broker closed the connection or the socket failed.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<MqttPacket> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = MqttPacketFormatter.TryDecode(_receiveBuffer.AsSpan(_start, _end - _start), Version,
                out var packet, out int consumed, out var error, _maximumPacketSize);
            if (status == DecodeStatus.Complete)
            {
                _start += consumed;
                if (_start == _end) _start = _end = 0;
                return packet!;
            }
            if (status == DecodeStatus.Invalid) throw new MqttProtocolException(error);
            MakeRoomForPacket();
            int read = await _channel.ReadAsync(_receiveBuffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0) throw new MqttCommunicationException($"The broker at {_channel.Endpoint} closed the connection.");
            _end += read;
            BytesReceived += read;
        }
    }

    /// <summary>Moves unread bytes to the front and grows the buffer when the packet being received is larger than it.</summary>
    private void MakeRoomForPacket()
    {
        int unread = _end - _start;
        int needed = InitialReceiveBuffer;
        if (MqttFixedHeader.TryRead(_receiveBuffer.AsSpan(_start, unread), Version, out var header, out _) == DecodeStatus.Complete)
        {
            needed = Math.Max(needed, header.PacketLength);
        }
        if (needed > _receiveBuffer.Length)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(needed);
            _receiveBuffer.AsSpan(_start, unread).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_receiveBuffer);
            _receiveBuffer = larger;
            _start = 0;
            _end = unread;
        }
        else if (_receiveBuffer.Length - _end < needed - unread)
        {
            _receiveBuffer.AsSpan(_start, unread).CopyTo(_receiveBuffer);
            _start = 0;
            _end = unread;
        }
    }

    /// <summary>Encodes <paramref name="packet"/> after the ones already pending.</summary>
    public void Encode(MqttPacket packet) => MqttPacketFormatter.Encode(packet, Version, _sendBuffer);

    /// <summary>Sends every pending byte in one write.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_sendBuffer.WrittenCount == 0) return;
        await _channel.WriteAsync(_sendBuffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        BytesSent += _sendBuffer.WrittenCount;
        _sendBuffer.ResetWrittenCount();
    }

    /// <summary>Closes the channel at once, ending pending reads and writes (the buffers stay until <see cref="DisposeAsync"/>).</summary>
    public ValueTask AbortAsync() => _channel.DisposeAsync();

    /// <summary>Closes the channel and returns the receive buffer; only after the reader and writer have stopped.</summary>
    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync().ConfigureAwait(false);
        var buffer = Interlocked.Exchange(ref _receiveBuffer, []);
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }
}
