namespace CarbonEdge.Edge.Health;

/// <summary>Counters of the gateway's work since start, for logs, the status reply and tests. Thread-safe.</summary>
internal sealed class GatewayStats
{
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

    public void Polled(int readings, int bad)
    {
        Interlocked.Increment(ref _polls);
        Interlocked.Add(ref _readings, readings);
        Interlocked.Add(ref _badReadings, bad);
    }

    public void Lost(int readings) => Interlocked.Add(ref _lostReadings, readings);

    public void Published() => Interlocked.Increment(ref _batchesPublished);

    public void PublishFailed() => Interlocked.Increment(ref _publishFailures);

    /// <summary>The broker's last refusal with its reason code (CONNECT, SUBACK, PUBACK, TLS), or null while none stands.</summary>
    public string? BrokerRefusal { get => Volatile.Read(ref _brokerRefusal); set => Volatile.Write(ref _brokerRefusal, value); }

    private string? _brokerRefusal;
}
