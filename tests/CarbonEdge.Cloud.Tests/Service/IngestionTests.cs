using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Testing;

namespace CarbonEdge.Cloud.Tests.Service;

/// <summary>Bad telemetry is counted, logged and kept; the good readings of a batch are still written.</summary>
public sealed class IngestionTests(CloudServiceFixture cloud) : IClassFixture<CloudServiceFixture>
{
    private static string Batch(string gateway, long seq, params string[] readings) =>
        $$"""{"schema":"carbonedge.telemetry.v1","site":"plant-01","gateway":"{{gateway}}","seq":{{seq}},"sentAt":"{{Timestamps.Format(DateTimeOffset.UtcNow)}}","readings":[{{string.Join(",", readings)}}]}""";

    private static string Reading(string device, string point, string unit, double value, DateTimeOffset ts) =>
        $$"""{"device":"{{device}}","point":"{{point}}","value":{{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"unit":"{{unit}}","ts":"{{Timestamps.Format(ts)}}","quality":"good"}""";

    private async Task<long> CounterAsync(string name, string? key = null)
    {
        using var doc = await cloud.GetJsonAsync("/api/v1/ingestion");
        var counters = doc.RootElement.GetProperty("counters");
        if (key is null) return name == "deadLetters" ? doc.RootElement.GetProperty("deadLetters").GetInt64() : counters.GetProperty(name).GetInt64();
        return counters.GetProperty(name).TryGetProperty(key, out var v) ? v.GetInt64() : 0;
    }

    private async Task<long> InfluxCountAsync(string device, string gateway)
    {
        var rows = await cloud.Influx.RowsAsync("carbonedge", $"SELECT count(value) FROM reading WHERE device = '{device}' AND gateway = '{gateway}'");
        return rows.Count == 0 ? 0 : (long)rows[0].Number("count");
    }

    private static Task EventuallyAsync(Func<Task<bool>> condition) => Poll.UntilAsync("ingestion", TimeSpan.FromSeconds(20), condition, TimeSpan.FromMilliseconds(100));

    [Fact]
    public async Task A_malformed_message_is_dead_lettered_whole()
    {
        long before = await CounterAsync("messagesRejected", "malformed_payload");
        long deadBefore = await CounterAsync("deadLetters");
        await cloud.PublishAsync("carbonedge/v1/plant-01/gw-bad/telemetry", "{\"schema\": \"carbonedge.telemetry.v1\", \"readings\": [");
        await EventuallyAsync(async () => await CounterAsync("messagesRejected", "malformed_payload") == before + 1);
        Assert.Equal(deadBefore + 1, await CounterAsync("deadLetters"));
    }

    [Fact]
    public async Task A_batch_on_another_gateways_topic_is_refused()
    {
        long before = await CounterAsync("messagesRejected", "topic_mismatch");
        var now = DateTimeOffset.UtcNow;
        await cloud.PublishAsync("carbonedge/v1/plant-01/gw-other/telemetry", Batch("gw-real", 1, Reading("m-1", "power.active", "kW", 1, now)));
        await EventuallyAsync(async () => await CounterAsync("messagesRejected", "topic_mismatch") == before + 1);
        Assert.Equal(0, await InfluxCountAsync("m-1", "gw-real"));
    }

    [Fact]
    public async Task Bad_readings_are_refused_and_the_others_written()
    {
        long unknownBefore = await CounterAsync("readingsRejected", "unknown_point");
        long unitBefore = await CounterAsync("readingsRejected", "unit_mismatch");
        var now = DateTimeOffset.UtcNow.AddSeconds(-5);
        await cloud.PublishAsync("carbonedge/v1/plant-01/gw-mixed/telemetry", Batch("gw-mixed", 1,
            Reading("m-1", "power.active", "kW", 10, now),
            Reading("m-1", "power.imaginary", "kVA", 11, now),
            Reading("m-1", "frequency", "kHz", 0.05, now),
            Reading("m-1", "frequency", "Hz", 50, now)));
        await EventuallyAsync(async () => await InfluxCountAsync("m-1", "gw-mixed") == 2);
        Assert.Equal(unknownBefore + 1, await CounterAsync("readingsRejected", "unknown_point"));
        Assert.Equal(unitBefore + 1, await CounterAsync("readingsRejected", "unit_mismatch"));
    }

    [Fact]
    public async Task Registered_devices_get_enterprise_tags_and_unregistered_ones_are_written_untagged()
    {
        var now = DateTimeOffset.UtcNow.AddSeconds(-2);
        await cloud.PublishAsync("carbonedge/v1/plant-01/gw-tags/telemetry", Batch("gw-tags", 1,
            Reading("m-1", "power.active", "kW", 12.5, now), Reading("m-unknown", "power.active", "kW", 3, now)));
        await EventuallyAsync(async () => await InfluxCountAsync("m-unknown", "gw-tags") == 1 && await InfluxCountAsync("m-1", "gw-tags") == 1);
        var tagged = await cloud.Influx.RowsAsync("carbonedge", "SELECT value FROM reading WHERE gateway = 'gw-tags' GROUP BY device, enterprise, region, industry");
        var known = tagged.Single(r => r.Tags["device"] == "m-1");
        Assert.Equal(("ent-1", "320583", "3130"), (known.Tags["enterprise"], known.Tags["region"], known.Tags["industry"]));
        Assert.Equal("", tagged.Single(r => r.Tags["device"] == "m-unknown").Tags["enterprise"]);
    }

    [Fact]
    public async Task Live_values_follow_ingestion_and_ignore_older_readings()
    {
        var now = DateTimeOffset.UtcNow.AddSeconds(-1);
        await cloud.PublishAsync("carbonedge/v1/plant-01/gw-live/telemetry", Batch("gw-live", 1, Reading("m-1", "voltage.a", "V", 221.5, now)));
        await cloud.PublishAsync("carbonedge/v1/plant-01/gw-live/telemetry", Batch("gw-live", 2, Reading("m-1", "voltage.a", "V", 219.0, now.AddMinutes(-5))));
        await EventuallyAsync(async () => await InfluxCountAsync("m-1", "gw-live") == 2);
        using var live = await cloud.GetJsonAsync("/api/v1/sites/plant-01/live");
        var device = live.RootElement.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "m-1");
        Assert.Equal(221.5, device.GetProperty("points").GetProperty("voltage.a").GetProperty("value").GetDouble());
        Assert.Equal("Incomer", device.GetProperty("name").GetString());
    }
}
