using System.Net;
using System.Net.Sockets;
using CarbonEdge.Protocols.Mqtt.Client;
using CarbonEdge.Protocols.Mqtt.Formatter;
using CarbonEdge.Protocols.Mqtt.Packets;
using static CarbonEdge.Protocols.Mqtt.Tests.Client.TestKit;

namespace CarbonEdge.Protocols.Mqtt.Tests.Client;

/// <summary>
/// A scripted peer that accepts CONNECT, answers CONNACK and then sends bytes no broker should send: the client must
/// close the connection (MQTT 5: after DISCONNECT with the right reason code), report why, and never crash.
/// </summary>
public class MisbehavingBrokerTests
{
    [Theory]
    [InlineData("30 FF FF FF FF 7F", MqttDisconnectReasonCode.MalformedPacket)] // remaining length of five bytes
    [InlineData("30 08 0003 612F62 05 0300", MqttDisconnectReasonCode.MalformedPacket)] // truncated properties
    [InlineData("30 06 0002 C328 00 78", MqttDisconnectReasonCode.MalformedPacket)] // invalid UTF-8 topic
    [InlineData("30 0E 0003 612F62 08 03000161 03000162 78", MqttDisconnectReasonCode.ProtocolError)] // property twice
    [InlineData("82 09 000A 00 0003 612F62 01", MqttDisconnectReasonCode.ProtocolError)] // SUBSCRIBE: client-to-server only
    [InlineData("C0 00", MqttDisconnectReasonCode.ProtocolError)] // PINGREQ from the server
    [InlineData("20 03 00 00 00", MqttDisconnectReasonCode.ProtocolError)] // a second CONNACK
    [InlineData("30 07 0000 03 230003 78", MqttDisconnectReasonCode.TopicAliasInvalid)] // alias the client never allowed
    public async Task Mqtt5_closes_with_the_reason_code(string hex, MqttDisconnectReasonCode expected)
    {
        await using var peer = ScriptedPeer.Start("20 03 00 00 00", hex);
        var result = await RunClientAsync(peer, MqttProtocolVersion.V500);
        Assert.Equal($"E0 01 {(byte)expected:X2}".Replace(" ", ""), Hex.Format(result.AfterScript));
        Assert.True(result.Closed);
        Assert.IsAssignableFrom<MqttException>(result.Reason);
    }

    [Theory]
    [InlineData("30 FF FF FF FF 7F", MqttDecodeError.MalformedRemainingLength)]
    [InlineData("30 04 0002 C328", MqttDecodeError.InvalidUtf8)]
    [InlineData("36 07 0003 612F62 000A", MqttDecodeError.InvalidFlags)]
    [InlineData("F0 00", MqttDecodeError.ReservedPacketType)]
    public async Task Mqtt311_closes_without_a_word(string hex, MqttDecodeError expected)
    {
        await using var peer = ScriptedPeer.Start("20 02 00 00", hex);
        var result = await RunClientAsync(peer, MqttProtocolVersion.V311);
        Assert.Empty(result.AfterScript);
        Assert.True(result.Closed);
        Assert.Equal(expected, Assert.IsType<MqttProtocolException>(result.Reason).DecodeError);
    }

    [Fact]
    public async Task Bytes_arriving_one_at_a_time_still_make_packets()
    {
        // CONNACK, then a QoS 1 PUBLISH, each byte in its own TCP segment.
        await using var peer = ScriptedPeer.Start("20 02 00 00", "32 09 0003 612F62 000A 6869", bytewise: true);
        await using var client = new MqttClient(Options(peer.Port, "bytewise"));
        var received = new Received(client);
        await client.ConnectAsync().Within();
        var message = await received.NextAsync();
        Assert.Equal("hi", message.Message.Text());
        Assert.Equal("40 02 000A".Replace(" ", ""), Hex.Format(await peer.ReadAsync(4)));
    }

    private static async Task<(byte[] AfterScript, bool Closed, Exception? Reason)> RunClientAsync(ScriptedPeer peer, MqttProtocolVersion version)
    {
        var options = Options(peer.Port, "victim", version);
        options.AutoReconnect = false;
        await using var client = new MqttClient(options);
        var disconnected = new TaskCompletionSource<MqttDisconnectedEventArgs>();
        client.DisconnectedAsync += e => { disconnected.TrySetResult(e); return Task.CompletedTask; };
        await client.ConnectAsync().Within();
        var bytes = await peer.ReadToEndAsync();
        var e = await disconnected.Task.Within();
        Assert.False(e.ClientInitiated);
        return (bytes, true, e.Exception);
    }

    /// <summary>Accepts one connection, reads CONNECT, writes the script, then records what the client sends.</summary>
    private sealed class ScriptedPeer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly TaskCompletionSource<Socket> _accepted = new();

        private ScriptedPeer(string connAck, string script, bool bytewise)
        {
            _listener.Start();
            _ = RunAsync(Hex.Parse(connAck), Hex.Parse(script), bytewise);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public static ScriptedPeer Start(string connAck, string script, bool bytewise = false) => new(connAck, script, bytewise);

        private async Task RunAsync(byte[] connAck, byte[] script, bool bytewise)
        {
            var socket = await _listener.AcceptSocketAsync();
            socket.NoDelay = true;
            await ReadPacketAsync(socket); // CONNECT
            foreach (byte[] chunk in bytewise ? connAck.Concat(script).Select(b => new[] { b }) : [connAck, script])
            {
                await socket.SendAsync(chunk, SocketFlags.None);
                if (bytewise) await Task.Delay(2);
            }
            _accepted.SetResult(socket);
        }

        private static async Task ReadPacketAsync(Socket socket)
        {
            var header = new byte[5];
            await socket.ReceiveAsync(header.AsMemory(0, 2), SocketFlags.None);
            int length = header[1] & 0x7F, shift = 7, i = 1;
            while ((header[i] & 0x80) != 0)
            {
                await socket.ReceiveAsync(header.AsMemory(++i, 1), SocketFlags.None);
                length |= (header[i] & 0x7F) << shift;
                shift += 7;
            }
            var body = new byte[length];
            for (int read = 0; read < length;) read += await socket.ReceiveAsync(body.AsMemory(read), SocketFlags.None);
        }

        public async Task<byte[]> ReadToEndAsync()
        {
            var socket = await _accepted.Task.Within();
            var all = new List<byte>();
            var buffer = new byte[256];
            using var timeout = new CancellationTokenSource(TestKit.Timeout);
            try
            {
                int read;
                while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0) all.AddRange(buffer[..read]);
            }
            catch (SocketException)
            {
            }
            return [.. all];
        }

        public async Task<byte[]> ReadAsync(int count)
        {
            var socket = await _accepted.Task.Within();
            var buffer = new byte[count];
            using var timeout = new CancellationTokenSource(TestKit.Timeout);
            for (int read = 0; read < count;) read += await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, timeout.Token);
            return buffer;
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            if (_accepted.Task.IsCompletedSuccessfully) (await _accepted.Task).Dispose();
        }
    }
}
