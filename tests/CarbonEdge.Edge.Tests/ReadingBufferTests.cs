using System.Text;
using CarbonEdge.Edge.Buffer;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Testing;

namespace CarbonEdge.Edge.Tests;

public sealed class ReadingBufferTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
    private readonly string _path = RunFolder.Create("buffer").File("buffer.db");
    private readonly List<ReadingBuffer> _open = [];

    private ReadingBuffer Open()
    {
        var buffer = ReadingBuffer.Open(_path);
        _open.Add(buffer);
        return buffer;
    }

    public void Dispose()
    {
        foreach (var buffer in _open) buffer.Dispose();
    }

    private static List<Reading> Readings(int count, int from = 0) =>
        Enumerable.Range(from, count).Select(i => Reading.Good("m-101", "power.active", i, T0.AddSeconds(i))).ToList();

    [Fact]
    public void Sealed_batches_carry_the_readings_in_order_with_consecutive_seq()
    {
        var buffer = Open();
        buffer.Add(Readings(250));
        buffer.Add([Reading.Bad("m-102", "power.active", T0, "timeout")]);
        var batches = buffer.Seal("plant-01", "gw-01", maxReadings: 100, T0);
        Assert.Equal([1L, 2L, 3L], batches.Select(b => b.Seq));
        Assert.Equal([100, 100, 51], batches.Select(b => b.Readings));
        Assert.All(batches, b => Assert.Equal("carbonedge/v1/plant-01/gw-01/telemetry", b.Topic));

        var decoded = batches.Select(b => Decode(b.Payload)).ToList();
        Assert.Equal(Readings(250).Append(Reading.Bad("m-102", "power.active", T0, "timeout")), decoded.SelectMany(b => b.Readings));
        Assert.Equal(batches.Select(b => b.Seq), decoded.Select(b => b.Seq));
        var summary = buffer.Summary();
        Assert.Equal(new BufferSummary(0, 3, 251, 4, null, summary.Evicted), summary);
        Assert.All(summary.Evicted.Values, count => Assert.Equal(0, count));
    }

    [Fact]
    public void A_batch_leaves_only_when_acknowledged()
    {
        var buffer = Open();
        buffer.Add(Readings(10));
        var batch = Assert.Single(buffer.Seal("plant-01", "gw-01", 500, T0));
        Assert.Equal(batch.Seq, Assert.Single(buffer.Pending(10)).Seq);
        Assert.True(buffer.Acknowledge(batch.Seq));
        Assert.False(buffer.Acknowledge(batch.Seq));
        Assert.Empty(buffer.Pending(10));
        Assert.Equal(0, buffer.Summary().Buffered);
    }

    [Fact]
    public void Readings_batches_and_seq_survive_a_reopen()
    {
        var first = Open();
        first.Add(Readings(30));
        var sealedBefore = first.Seal("plant-01", "gw-01", 10, T0);
        first.Acknowledge(sealedBefore[0].Seq);
        first.Add(Readings(5, from: 100));
        first.Dispose();

        var second = Open();
        var summary = second.Summary();
        Assert.Equal(new BufferSummary(5, 2, 20, 4, T0.AddSeconds(100), summary.Evicted), summary);
        var pending = second.Pending(10);
        Assert.Equal([2L, 3L], pending.Select(p => p.Seq));
        Assert.Equal(sealedBefore[1].Payload, pending[0].Payload);
        Assert.Equal(4L, Assert.Single(second.Seal("plant-01", "gw-01", 10, T0)).Seq);
    }

    [Fact]
    public void Pending_pages_after_a_seq()
    {
        var buffer = Open();
        buffer.Add(Readings(50));
        buffer.Seal("plant-01", "gw-01", 10, T0);
        Assert.Equal([3L, 4L], buffer.Pending(2, afterSeq: 2).Select(b => b.Seq));
    }

    [Fact]
    public void Sealing_is_bounded_per_call_and_resumes()
    {
        var buffer = Open();
        buffer.Add(Readings(100));
        Assert.Equal(3, buffer.Seal("plant-01", "gw-01", 10, T0, maxBatches: 3).Count);
        Assert.Equal(70, buffer.Summary().Unsealed);
        Assert.Equal(7, buffer.Seal("plant-01", "gw-01", 10, T0, maxBatches: 100).Count);
        Assert.Empty(buffer.Seal("plant-01", "gw-01", 10, T0));
    }

    [Fact]
    public void The_file_is_in_wal_mode()
    {
        Open().Add(Readings(1));
        Assert.True(File.Exists(_path + "-wal"));
    }

    private static TelemetryBatch Decode(byte[] payload)
    {
        Assert.True(TelemetryCodec.TryDeserialize(payload, out TelemetryBatch? batch, out string? error), error ?? Encoding.UTF8.GetString(payload));
        return batch;
    }
}
