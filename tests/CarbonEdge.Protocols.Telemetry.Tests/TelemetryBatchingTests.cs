using CarbonEdge.Protocols.Telemetry;

namespace CarbonEdge.Protocols.Telemetry.Tests;

public class TelemetryBatchingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    private static List<Reading> Readings(int count, string device = "m-101") =>
        Enumerable.Range(0, count).Select(i => Reading.Good(device, "power.active", i, T0.AddSeconds(i))).ToList();

    [Fact]
    public void Splits_by_count_keeps_order_and_numbers_consecutively()
    {
        var readings = Readings(1201);
        var packed = TelemetryBatching.Pack("plant-01", "gw-01", 41, T0, readings, maxReadings: 500);
        Assert.Equal([500, 500, 201], packed.Select(p => p.Batch.Readings.Count));
        Assert.Equal([41L, 42L, 43L], packed.Select(p => p.Batch.Seq));
        Assert.Equal(readings, packed.SelectMany(p => p.Batch.Readings));
        Assert.All(packed, p => Assert.Equal(TelemetryCodec.Serialize(p.Batch), p.Payload));
    }

    [Fact]
    public void Splits_further_to_stay_under_the_byte_limit()
    {
        var readings = Readings(1000);
        int oneBatchSize = TelemetryCodec.Serialize(new TelemetryBatch(TelemetrySchema.V1, "plant-01", "gw-01", 1, T0, readings)).Length;
        int limit = oneBatchSize / 3;
        var packed = TelemetryBatching.Pack("plant-01", "gw-01", 1, T0, readings, maxReadings: 1000, maxBytes: limit);
        Assert.True(packed.Count >= 3);
        Assert.All(packed, p => Assert.True(p.Payload.Length <= limit));
        Assert.Equal(readings, packed.SelectMany(p => p.Batch.Readings));
        Assert.Equal(Enumerable.Range(1, packed.Count).Select(i => (long)i), packed.Select(p => p.Batch.Seq));
    }

    [Fact]
    public void No_readings_make_no_batches()
    {
        Assert.Empty(TelemetryBatching.Pack("plant-01", "gw-01", 1, T0, []));
    }

    [Fact]
    public void A_reading_too_large_on_its_own_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => TelemetryBatching.Pack("plant-01", "gw-01", 1, T0, Readings(1), maxBytes: 50));
    }

    [Fact]
    public void Catalog_units_follow_the_design_table()
    {
        Assert.Equal("kWh", Points.UnitOf("energy.active.import"));
        Assert.Equal("kvarh", Points.UnitOf("energy.reactive.import"));
        Assert.Equal("kvar", Points.UnitOf("power.reactive"));
        Assert.Equal("1", Points.UnitOf("power.factor"));
        Assert.Equal("%vol", Points.UnitOf("cems.co2"));
        Assert.Equal("m3/h", Points.UnitOf("cems.flow"));
        Assert.Equal("m3/h", Points.UnitOf("cems.flow.std_dry"));
        Assert.Equal("m/s", Points.UnitOf("cems.velocity"));
        Assert.Equal(42, Points.Catalog.Count); // 22 of DESIGN.md, 18 DL/T 645 meters carry (docs/dlt645.md), 2 of HJ 212 (docs/hj212.md)
        Assert.Throws<KeyNotFoundException>(() => Points.UnitOf("power.imaginary"));
    }
}
