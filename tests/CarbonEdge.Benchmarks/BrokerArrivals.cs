using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Testing;
using MQTTnet;
using MQTTnet.Protocol;

namespace CarbonEdge.Benchmarks;

/// <summary>
/// A QoS 1 subscriber (MQTTnet) on one telemetry topic that counts the readings of the batches arriving, good and bad
/// apart, the devices they came from, and the age of each good reading on arrival (arrival time minus its acquisition
/// time, ms).
/// </summary>
internal sealed class BrokerArrivals : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly List<double> _ages = [];
    private readonly HashSet<string> _devices = [];
    private double _lastOldestAge;
    private long _good, _bad, _energy;

    private BrokerArrivals(IMqttClient client) => _client = client;

    /// <summary>Good readings arrived so far.</summary>
    public long Good => Interlocked.Read(ref _good);

    /// <summary>Good <c>energy.active.import</c> readings arrived so far.</summary>
    public long Energy => Interlocked.Read(ref _energy);

    /// <summary>Devices with a good reading arrived so far.</summary>
    public int Devices
    {
        get
        {
            lock (_ages) return _devices.Count;
        }
    }

    /// <summary>Age on arrival of the oldest good reading of the last batch, ms: small once the sender has no backlog.</summary>
    public double LastOldestAgeMs
    {
        get
        {
            lock (_ages) return _lastOldestAge;
        }
    }

    /// <summary>Bad readings arrived so far.</summary>
    public long Bad => Interlocked.Read(ref _bad);

    /// <summary>Connects to <paramref name="broker"/> (plain, anonymous) and subscribes; returns after the SUBACK.</summary>
    public static async Task<BrokerArrivals> StartAsync(MosquittoBroker broker, string topic)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var arrivals = new BrokerArrivals(client);
        client.ApplicationMessageReceivedAsync += e =>
        {
            var now = DateTimeOffset.UtcNow;
            if (TelemetryCodec.TryDeserialize(e.ApplicationMessage.Payload.FirstSpan, out TelemetryBatch? batch, out _)) arrivals.Count(batch, now);
            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("bench-arrivals").Build());
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return arrivals;
    }

    private void Count(TelemetryBatch batch, DateTimeOffset now)
    {
        int good = batch.Readings.Count(r => r.Quality == ReadingQuality.Good);
        Interlocked.Add(ref _good, good);
        Interlocked.Add(ref _bad, batch.Readings.Count - good);
        Interlocked.Add(ref _energy, batch.Readings.Count(r => r.Quality == ReadingQuality.Good && r.Point == Points.EnergyActiveImport));
        lock (_ages)
        {
            _lastOldestAge = 0;
            foreach (var reading in batch.Readings.Where(r => r.Quality == ReadingQuality.Good))
            {
                double age = (now - reading.Ts).TotalMilliseconds;
                _lastOldestAge = Math.Max(_lastOldestAge, age);
                _ages.Add(age);
                _devices.Add(reading.Device);
            }
        }
    }

    /// <summary>Forgets the ages seen so far (the warm-up's).</summary>
    public void ResetAges()
    {
        lock (_ages) _ages.Clear();
    }

    /// <summary>Median and 99th percentile of the ages since <see cref="ResetAges"/>, ms (0 when none).</summary>
    public (double P50, double P99) AgePercentiles()
    {
        lock (_ages)
        {
            if (_ages.Count == 0) return (0, 0);
            _ages.Sort();
            return (_ages[_ages.Count / 2], _ages[Math.Min(_ages.Count - 1, (int)(_ages.Count * 0.99))]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected) await _client.DisconnectAsync();
        _client.Dispose();
    }
}
