using System.Runtime.CompilerServices;
using System.Net.Sockets;

namespace CarbonEdge.Protocols.Mqtt.Channel;

/// <summary>MQTT over TCP (MQTT 3.1.1 §4.2: port 1883), optionally wrapped in TLS (port 8883) by <see cref="MqttTlsOptions"/>.</summary>
/// <param name="host">Host name or address.</param>
/// <param name="port">TCP port.</param>
/// <param name="tls">TLS settings, or null for plain TCP.</param>
public sealed class MqttTcpChannel(string host, int port, MqttTlsOptions? tls = null) : IMqttChannel
{
    private Socket? _socket;
    private Stream? _stream;

    /// <inheritdoc />
    public string Endpoint => $"{host}:{port}";

    /// <inheritdoc />
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (tls is not null)
            {
                stream = await tls.AuthenticateAsync(stream, host, cancellationToken).ConfigureAwait(false);
            }
            _socket = socket;
            _stream = stream;
        }
        catch (Exception ex) when (ex is SocketException or IOException or System.Security.Authentication.AuthenticationException)
        {
            socket.Dispose();
            throw new MqttCommunicationException($"Could not connect to {Endpoint}{(tls is null ? "" : " (TLS)")}: {ex.Message}", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var stream = _stream ?? throw new InvalidOperationException("The channel is not connected.");
        try
        {
            return await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException && !cancellationToken.IsCancellationRequested)
        {
            throw new MqttCommunicationException($"Connection to {Endpoint} lost while reading: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var stream = _stream ?? throw new InvalidOperationException("The channel is not connected.");
        try
        {
            await stream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException && !cancellationToken.IsCancellationRequested)
        {
            throw new MqttCommunicationException($"Connection to {Endpoint} lost while writing: {ex.Message}", ex);
        }
    }

    /// <summary>Closes the connection at once (no MQTT DISCONNECT: that is the client's job).</summary>
    public async ValueTask DisposeAsync()
    {
        var stream = Interlocked.Exchange(ref _stream, null);
        if (stream is not null) await stream.DisposeAsync().ConfigureAwait(false);
        Interlocked.Exchange(ref _socket, null)?.Dispose();
    }
}
