using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Ingestion;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Protocols.Telemetry.Validation;

namespace CarbonEdge.Benchmarks;

/// <summary>
/// The per-message work of cloud ingestion that no design can skip, on one 500-reading telemetry batch (about 65 KB, as
/// the ingestion comparison sends): decoding and validating the JSON (contract v1), and the line protocol of its points.
/// The peer is System.Text.Json's <see cref="JsonDocument"/> reading every value of the same payload: the least a JSON
/// consumer does. Divide by 500 for a reading's cost; set against influxd's CPU per point in
/// <c>cedge-bench compare ingestion</c> (docs/cloud.md, Ingestion capacity).
/// </summary>
[MemoryDiagnoser]
public class IngestionCodecBenchmarks
{
    private readonly TopicAddress _topic = new(TopicKind.Telemetry, "plant-01", "gw-00", null);
    private readonly TelemetryValidator _validator = new(TimeProvider.System);
    private byte[] _payload = [];
    private IReadOnlyList<Reading> _readings = [];

    [GlobalSetup]
    public void Setup()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        var readings = Enumerable.Range(0, 500)
            .Select(i => Reading.Good($"m-{i % 50:D3}", Points.EnergyActiveImport, 1000 + i * 0.01, start.AddMilliseconds(i))).ToList();
        _payload = TelemetryBatching.Pack("plant-01", "gw-00", 1, start, readings, 500).Single().Payload;
        _readings = _validator.Validate(_topic, _payload).Accepted;
        if (_readings.Count != 500) throw new InvalidOperationException($"the batch did not validate: {_readings.Count} readings accepted");
    }

    [Benchmark(Baseline = true)]
    public double JsonDocumentReadsEveryValue()
    {
        using var document = JsonDocument.Parse(_payload);
        double read = 0; // the numbers' sum and the strings' lengths, so that no value goes unread
        foreach (var reading in document.RootElement.GetProperty("readings").EnumerateArray())
        {
            foreach (var property in reading.EnumerateObject())
                read += property.Value.ValueKind == JsonValueKind.Number ? property.Value.GetDouble() : property.Value.GetString()!.Length;
        }
        return read;
    }

    [Benchmark]
    public int DecodeAndValidate() => _validator.Validate(_topic, _payload).Accepted.Count;

    [Benchmark]
    public int LineProtocolOfThePoints()
    {
        var points = new List<LinePoint>(_readings.Count);
        foreach (var reading in _readings) points.Add(ReadingPoints.From("plant-01", "gw-00", reading, null));
        using var body = LineProtocol.Encode(points);
        return body.Length;
    }
}
