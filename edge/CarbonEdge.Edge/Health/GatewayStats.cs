using System.Collections.Concurrent;
using Prometheus;

namespace CarbonEdge.Edge.Health;

/// <summary>Counters of the gateway's work since start, for logs, the status reply, <c>/metrics</c> and tests. Thread-safe.</summary>
internal sealed class GatewayStats
{
    private readonly ConcurrentDictionary<string, DevicePolls> _devices = new(StringComparer.Ordinal);

    /// <summary>The gateway's Prometheus registry (served on <c>/metrics</c> by <see cref="GatewayMetricsService"/>).</summary>
    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    /// <summary>PUBACK round trip of telemetry publishes, s: from handing the batch to the client to its PUBACK (MQTT 3.1.1 §4.3.2).</summary>
    public Histogram PublishLatency { get; }

    public GatewayStats() => PublishLatency = Metrics.WithCustomRegistry(Registry).CreateHistogram(
        "cedge_gateway_publish_latency_seconds", "PUBACK round trip of telemetry batches, s.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });

    /// <summary>Polls and failed polls (driver fault or a bad reading) per device id, a snapshot.</summary>
    public IReadOnlyDictionary<string, (long Polls, long Failures)> Devices =>
        _devices.ToDictionary(d => d.Key, d => (Interlocked.Read(ref d.Value.Polls), Interlocked.Read(ref d.Value.Failures)), StringComparer.Ordinal);

    /// <summary>True while the last buffer write failed (cleared by the next successful one): the gateway is not ready.</summary>
    public bool BufferWriteFailing { get => Volatile.Read(ref _bufferWriteFailing); private set => Volatile.Write(ref _bufferWriteFailing, value); }

    private bool _bufferWriteFailing;

    private long _polls, _readings, _badReadings, _lostReadings, _batchesPublished, _publishFailures;

    /// <summary>Polls completed.</summary>
    public long Polls => Interlocked.Read(ref _polls);

    /// <summary>Readings stored in the buffer.</summary>
    public long Readings => Interlocked.Read(ref _readings);

    /// <summary>Of those, bad readings (device error, timeout).</summary>
    public long BadReadings => Interlocked.Read(ref _badReadings);

    /// <summary>Readings that could not be stored (buffer write failed): lost, and logged as errors.</summary>
    public long LostReadings => Interlocked.Read(ref _lostReadings);

    /// <summary>Batches acknowledged by the broker.</summary>
    public long BatchesPublished => Interlocked.Read(ref _batchesPublished);

    /// <summary>Publishes that failed (retried later).</summary>
    public long PublishFailures => Interlocked.Read(ref _publishFailures);

    /// <summary>A poll of <paramref name="deviceId"/> stored its readings; it failed when one of them is bad.</summary>
    public void Polled(string deviceId, int readings, int bad)
    {
        Interlocked.Increment(ref _polls);
        Interlocked.Add(ref _readings, readings);
        Interlocked.Add(ref _badReadings, bad);
        DevicePolled(deviceId, failed: bad > 0);
        BufferWriteFailing = false;
    }

    /// <summary>A poll of <paramref name="deviceId"/> that yielded nothing (driver fault): counted as a failed poll.</summary>
    public void PollFaulted(string deviceId) => DevicePolled(deviceId, failed: true);

    /// <summary>A poll's readings could not be stored: lost, and the buffer counts as not writable.</summary>
    public void Lost(string deviceId, int readings)
    {
        Interlocked.Add(ref _lostReadings, readings);
        DevicePolled(deviceId, failed: true);
        BufferWriteFailing = true;
    }

    private void DevicePolled(string deviceId, bool failed)
    {
        var device = _devices.GetOrAdd(deviceId, _ => new DevicePolls());
        Interlocked.Increment(ref device.Polls);
        if (failed) Interlocked.Increment(ref device.Failures);
    }

    private sealed class DevicePolls
    {
        public long Polls, Failures;
    }

    public void Published() => Interlocked.Increment(ref _batchesPublished);

    public void PublishFailed() => Interlocked.Increment(ref _publishFailures);

    /// <summary>The broker's last refusal with its reason code (CONNECT, SUBACK, PUBACK, TLS), or null while none stands.</summary>
    public string? BrokerRefusal { get => Volatile.Read(ref _brokerRefusal); set => Volatile.Write(ref _brokerRefusal, value); }

    private string? _brokerRefusal;
}
