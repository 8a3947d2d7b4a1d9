using System.Text.Json;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using CarbonEdge.Cloud.Export;
using CarbonEdge.Protocols.Telemetry;

namespace CarbonEdge.Cloud.Tests.Export;

/// <summary>
/// The Event Hubs export of readings with the SDK's own test types (<see cref="RecordingProducer"/>).
/// </summary>
public class EventHubsExportTests
{
    private static readonly DateTimeOffset Ts = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    private static List<ExportedReading> Readings() =>
    [
        .. Enumerable.Range(0, 7).Select(i => new ExportedReading("ent-a", "plant-01", "gw-01", Reading.Good("m-101", Points.EnergyActiveImport, 1000 + i, Ts.AddMinutes(i)))),
        .. Enumerable.Range(0, 2).Select(i => new ExportedReading("ent-b", "plant-02", "gw-02", Reading.Good("m-201", Points.PowerActive, 40 + i, Ts.AddMinutes(i)))),
        new ExportedReading(null, "plant-03", "gw-03", new Reading("m-301", Points.PowerActive, null, Points.UnitOf(Points.PowerActive), Ts, ReadingQuality.Bad, "timeout")),
    ];

    [Fact]
    public async Task Readings_go_in_full_batches_partitioned_by_enterprise_with_their_properties()
    {
        var producer = new RecordingProducer(failures: 0);
        await new EventHubsExport(producer).SendAsync(Readings(), CancellationToken.None);

        var sent = producer.Sent.Where(b => b.Events.Count > 0).ToList();
        Assert.Equal(["ent-a", "ent-a", "ent-a", "ent-b", EventHubsExport.Unregistered], sent.Select(b => b.PartitionKey));
        Assert.Equal([3, 3, 1, 2, 1], sent.Select(b => b.Events.Count));
        Assert.Equal(10, producer.Delivered);

        var first = sent[0].Events[0];
        Assert.Equal(EventHubsExport.ReadingSchema, first.Properties["schema"]);
        Assert.Equal("plant-01", first.Properties["site"]);
        Assert.Equal("m-101", first.Properties["device"]);
        using var body = JsonDocument.Parse(first.EventBody.ToMemory());
        Assert.Equal("ent-a", body.RootElement.GetProperty("enterprise").GetString());
        Assert.Equal(1000, body.RootElement.GetProperty("value").GetDouble());
        Assert.Equal("2026-12-04T08:00:00.000Z", body.RootElement.GetProperty("ts").GetString());

        using var bad = JsonDocument.Parse(sent[^1].Events[0].EventBody.ToMemory());
        Assert.Equal(JsonValueKind.Null, bad.RootElement.GetProperty("value").ValueKind);
        Assert.Equal("timeout", bad.RootElement.GetProperty("reason").GetString());
        Assert.False(bad.RootElement.TryGetProperty("enterprise", out _));
    }

    [Fact]
    public async Task An_outage_fails_the_send_so_the_caller_keeps_the_messages_and_a_retry_delivers_everything()
    {
        var producer = new RecordingProducer(failures: 1);
        var export = new EventHubsExport(producer);
        var error = await Assert.ThrowsAsync<EventHubsException>(() => export.SendAsync(Readings(), CancellationToken.None));
        Assert.Equal(EventHubsException.FailureReason.ServiceCommunicationProblem, error.Reason);

        producer.Sent.Clear();
        await export.SendAsync(Readings(), CancellationToken.None); // what the ingestion does while holding the MQTT acknowledgement
        Assert.Equal(10, producer.Delivered);
    }

    [Fact]
    public void Without_a_hub_nothing_is_exported_and_a_hub_without_credentials_is_refused()
    {
        Assert.False(EventHubsProducer.Create(null).Enabled);
        Assert.False(EventHubsProducer.Create(new EventHubsOptions()).Enabled);
        var error = Assert.Throws<InvalidOperationException>(() => EventHubsProducer.Create(new EventHubsOptions { HubName = "readings" }));
        Assert.Contains("connectionString", error.Message);
    }
}
