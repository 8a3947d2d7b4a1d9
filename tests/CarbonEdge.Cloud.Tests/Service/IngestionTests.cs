using System.Text;
using CarbonEdge.Cloud.Export;
using CarbonEdge.Cloud.Hosting;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Ingestion;
using CarbonEdge.Protocols.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
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
        using var page = await cloud.GetJsonAsync("/api/v1/ingestion/dead-letters?reason=malformed_payload&limit=1000");
        var letter = page.RootElement.GetProperty("letters").EnumerateArray().Last();
        Assert.Equal("carbonedge/v1/plant-01/gw-bad/telemetry", letter.GetProperty("topic").GetString());
        Assert.Equal("{\"schema\": \"carbonedge.telemetry.v1\", \"readings\": [", Encoding.UTF8.GetString(Convert.FromBase64String(letter.GetProperty("payload").GetString()!)));
    }

    [Fact]
    public async Task A_jump_in_a_gateways_seq_is_counted_as_a_gap_and_a_redelivery_as_a_repeat()
    {
        long gaps = await CounterAsync("seqGaps"), repeats = await CounterAsync("seqRepeats");
        var now = DateTimeOffset.UtcNow.AddSeconds(-3);
        foreach (long seq in new long[] { 1, 2, 5, 5 })
            await cloud.PublishAsync("carbonedge/v1/plant-01/gw-seq/telemetry", Batch("gw-seq", seq, Reading("m-1", "power.active", "kW", seq, now.AddMilliseconds(seq))));
        await EventuallyAsync(async () => await CounterAsync("seqGaps") == gaps + 1 && await CounterAsync("seqRepeats") == repeats + 1);
    }

    [Fact]
    public async Task A_write_InfluxDB_refuses_for_good_is_dead_lettered_at_once_not_retried()
    {
        var deadLetters = cloud.Services.GetRequiredService<DeadLetters>();
        var stats = new IngestionStats();
        using var http = new HttpClient();
        var missing = new InfluxConnection(http, new InfluxOptions { Url = cloud.Influx.Url, Database = "missing" });
        var sinks = new ReadingSinks(missing, new EventHubsExport(null), deadLetters, new IngestionOptions { RetryDelayMs = 60_000 }, stats, TimeProvider.System, NullLoggerFactory.Instance);
        var reading = Protocols.Telemetry.Reading.Good("m-1", Points.PowerActive, 1, DateTimeOffset.UtcNow);
        var delivery = new Delivery(null!, "carbonedge/v1/plant-01/gw-404/telemetry", "{}"u8.ToArray(), "plant-01", "gw-404", 1, [reading], [ReadingPoints.From("plant-01", "gw-404", reading, null)]);
        long before = deadLetters.Count();

        Assert.False(await sinks.WriteAsync([delivery], default).WaitAsync(TimeSpan.FromSeconds(30))); // a retry would wait 60 s
        var letter = deadLetters.List(0, 1000, "influx_refused").Last();
        Assert.Equal((before + 1, "carbonedge/v1/plant-01/gw-404/telemetry"), (deadLetters.Count(), letter.Topic));
        Assert.Contains("missing", letter.Detail);
        Assert.Equal(0, stats.Snapshot().WriteFailures);
    }

    [Fact]
    public async Task An_InfluxDB_outage_is_retried_until_it_ends_and_the_batch_is_written()
    {
        var stats = new IngestionStats();
        await using var link = TcpProxy.Start(new Uri(cloud.Influx.Url).Port);
        link.RefuseNew = true; // InfluxDB unreachable
        using var http = new HttpClient();
        var connection = new InfluxConnection(http, new InfluxOptions { Url = $"http://127.0.0.1:{link.Port}", Database = "carbonedge" });
        var sinks = new ReadingSinks(connection, new EventHubsExport(null), cloud.Services.GetRequiredService<DeadLetters>(), new IngestionOptions { RetryDelayMs = 50 },
            stats, TimeProvider.System, NullLoggerFactory.Instance);
        var reading = Protocols.Telemetry.Reading.Good("m-1", Points.PowerActive, 7, DateTimeOffset.UtcNow.AddSeconds(-4));
        var delivery = new Delivery(null!, "carbonedge/v1/plant-01/gw-outage/telemetry", "{}"u8.ToArray(), "plant-01", "gw-outage", 1, [reading], [ReadingPoints.From("plant-01", "gw-outage", reading, null)]);

        var writing = sinks.WriteAsync([delivery], default);
        await Poll.UntilAsync("writes retried", TimeSpan.FromSeconds(20), () => stats.Snapshot().WriteFailures >= 2);
        Assert.False(writing.IsCompleted); // held: its message stays unacknowledged meanwhile
        link.RefuseNew = false;
        Assert.True(await writing.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(1, stats.Snapshot().ReadingsWritten);
        Assert.Equal(1, await InfluxCountAsync("m-1", "gw-outage"));
    }

    [Fact]
    public async Task Transient_failures_are_retried_with_backoff_until_they_pass_and_others_thrown_at_once()
    {
        var stats = new IngestionStats();
        var retry = WriteRetry.Create(new IngestionOptions { RetryDelayMs = 1 }, stats, TimeProvider.System, NullLogger.Instance);
        int calls = 0;
        await retry.ExecuteAsync(_ => ++calls < 4 ? throw new InfluxWriteException("down", transient: true) : ValueTask.CompletedTask);
        Assert.Equal((4, 3L), (calls, stats.Snapshot().WriteFailures));

        calls = 0;
        await Assert.ThrowsAsync<InfluxWriteException>(async () => await retry.ExecuteAsync(_ => { calls++; throw new InfluxWriteException("401", transient: false); }));
        Assert.Equal(1, calls);
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
