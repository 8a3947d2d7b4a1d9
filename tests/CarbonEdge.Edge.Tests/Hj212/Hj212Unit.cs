using System.Net.Sockets;
using System.Text;
using CarbonEdge.Protocols.Hj212.Framing;
using CarbonEdge.Testing;

namespace CarbonEdge.Edge.Tests.Hj212;

/// <summary>A stand-in data-acquisition unit for tests: connects (retrying until the platform listens), sends bytes, reads framed replies.</summary>
internal sealed class Hj212Unit : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly List<byte> _pending = [];

    private Hj212Unit(TcpClient client) => _client = client;

    public static async Task<Hj212Unit> ConnectAsync(int port, TimeSpan? patience = null)
    {
        TcpClient? connected = null;
        await Poll.UntilAsync($"the platform listening on {port}", patience ?? TimeSpan.FromSeconds(30), async () =>
        {
            var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port);
                connected = client;
                return true;
            }
            catch (SocketException)
            {
                client.Dispose();
                return false;
            }
        }, TimeSpan.FromMilliseconds(100));
        return new Hj212Unit(connected!);
    }

    public Task SendAsync(string packets) => SendAsync(Encoding.UTF8.GetBytes(packets));

    public async Task SendAsync(byte[] bytes) => await _client.GetStream().WriteAsync(bytes);

    /// <summary>The next framed packet's data segment the platform sent.</summary>
    public async Task<string> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var buffer = new byte[4096];
        while (true)
        {
            var status = Hj212Framing.TryDecode(_pending.ToArray(), Hj212CrcMode.Either, out var frame, out int consumed, out var error);
            if (status == DecodeStatus.Complete)
            {
                _pending.RemoveRange(0, consumed);
                return frame!.DataSegment;
            }
            if (status == DecodeStatus.Invalid) throw new InvalidDataException($"platform sent a bad packet: {error}");
            int read = await _client.GetStream().ReadAsync(buffer, cts.Token);
            if (read == 0) throw new EndOfStreamException("platform closed the link");
            _pending.AddRange(buffer.AsSpan(0, read).ToArray());
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
