using System.Net;
using CarbonEdge.Edge.Buffer;
using CarbonEdge.Edge.Health;
using CarbonEdge.Edge.Hj212;
using CarbonEdge.Edge.Uplink;
using CarbonEdge.Protocols.Hj212.Framing;
using CarbonEdge.Protocols.Hj212.Segment;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonEdge.Edge.Tests.Hj212;

/// <summary>The gateway's HJ 212 input as <c>cedge run</c> wires it (handler, listener, buffer, optional relay), on a free port.</summary>
internal sealed class Hj212Gateway : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Hj212Listener _listener;
    private readonly Task _running;
    private readonly Hj212RelayQueue? _queue;

    public Hj212Gateway(Hj212InputOptions options, string name)
    {
        var folder = RunFolder.Create(name);
        Buffer = ReadingBuffer.Open(folder.File("buffer.db"));
        if (options.RelayTo is { } relayTo)
        {
            _queue = Hj212RelayQueue.Open(folder.File("hj212-relay.db"));
            int colon = relayTo.LastIndexOf(':');
            Relay = new Hj212Relay(relayTo[..colon], int.Parse(relayTo[(colon + 1)..]), _queue, NullLogger<Hj212Relay>.Instance);
        }
        var handler = new Hj212StationHandler(options, Buffer, new UplinkSignal(), new GatewayStats(), Stats, new RelayQueueSlot(_queue),
            TimeProvider.System, NullLogger<Hj212StationHandler>.Instance);
        Hj212Crcs.TryParse(options.Crc, out var crc);
        _listener = new Hj212Listener(new IPEndPoint(IPAddress.Loopback, 0), crc, handler, NullLogger.Instance);
        _listener.Start();
        _running = Task.WhenAll(_listener.RunAsync(_stop.Token), Relay?.RunAsync(_stop.Token) ?? Task.CompletedTask);
    }

    public ReadingBuffer Buffer { get; }

    public Hj212LinkStats Stats { get; } = new();

    public Hj212Relay? Relay { get; }

    public int Port => _listener.LocalEndPoint.Port;

    public static Hj212InputOptions Options(params Hj212StationOptions[] stations) =>
        new() { Listen = "127.0.0.1:0", Stations = [.. stations], ClockDriftSeconds = 60 };

    /// <summary>Readings buffered so far, sealed into batches and read back.</summary>
    public List<Reading> Readings()
    {
        var readings = new List<Reading>();
        foreach (var batch in Buffer.Seal("plant-01", "gw-01", 10000, DateTimeOffset.UtcNow))
        {
            Assert.True(TelemetryCodec.TryDeserialize(batch.Payload, out TelemetryBatch? decoded, out _));
            readings.AddRange(decoded.Readings);
        }
        return readings;
    }

    /// <summary>A framed packet of the given fields, CR LF included.</summary>
    public static byte[] Packet(string segment) => Hj212Framing.Encode(segment);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _running;
        _listener.Dispose();
        Buffer.Dispose();
        _queue?.Dispose();
    }
}
