namespace CarbonEdge.Protocols.Mqtt.Channel;

/// <summary>
/// A byte stream to the broker (TCP, TLS over TCP): bytes only, no MQTT knowledge. Errors surface as
/// <see cref="MqttCommunicationException"/>. One reader and one writer may use it at the same time.
/// </summary>
public interface IMqttChannel : IAsyncDisposable
{
    /// <summary>Where the channel goes, for messages (e.g. <c>127.0.0.1:1883</c>).</summary>
    string Endpoint { get; }

    /// <summary>Opens the connection (and completes the TLS handshake, if any).</summary>
    /// <exception cref="MqttCommunicationException">The connection could not be made.</exception>
    Task ConnectAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads available bytes into <paramref name="buffer"/>; returns 0 when the peer closed the connection.</summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

    /// <summary>Writes all of <paramref name="buffer"/>.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default);
}
