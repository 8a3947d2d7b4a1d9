using System.Text.Json;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using CarbonEdge.Estimation.Models;
using CarbonEdge.Protocols.Telemetry;

namespace CarbonEdge.Cloud.Export;

/// <summary>A reading to export, with the enterprise it belongs to (null for an unregistered device).</summary>
internal sealed record ExportedReading(string? Enterprise, string Site, string Gateway, Reading Reading);

/// <summary>
/// Sends readings and daily results to Azure Event Hubs as JSON events through <see cref="EventHubProducerClient"/> in
/// <see cref="EventDataBatch"/>es: partition key the enterprise (<c>unregistered</c> without one), so an enterprise's
/// readings stay in order on one partition; application properties <c>schema</c>, <c>site</c>, <c>device</c>.
/// Failures (the SDK has already retried transient ones) are thrown to the caller, which holds the MQTT
/// acknowledgement until the export succeeds. Without configuration, <see cref="Enabled"/> is false and nothing is sent.
/// </summary>
internal sealed class EventHubsExport(EventHubProducerClient? producer) : IAsyncDisposable
{
    /// <summary>The <c>schema</c> property of a reading event.</summary>
    public const string ReadingSchema = "carbonedge.reading.v1";

    /// <summary>Partition key of readings of devices not in the registry.</summary>
    public const string Unregistered = "unregistered";

    /// <summary>True when a hub is configured.</summary>
    public bool Enabled => producer is not null;

    /// <summary>
    /// True for what a send throws when the hub cannot take the events: the hub refused or was unreachable after the
    /// SDK's retries, the credential got no token, or an event was too large.
    /// </summary>
    public static bool IsFailure(Exception ex) =>
        ex is EventHubsException or Azure.Identity.AuthenticationFailedException or UnauthorizedAccessException or InvalidOperationException;

    /// <summary>Sends <paramref name="readings"/>, one batch (or more, when full) per enterprise.</summary>
    /// <exception cref="EventHubsException">The hub refused or could not be reached after the SDK's retries.</exception>
    /// <exception cref="InvalidOperationException">One event is larger than a whole batch may be.</exception>
    public Task SendAsync(IReadOnlyList<ExportedReading> readings, CancellationToken cancellationToken) =>
        SendAsync(readings.Select(r => (r.Enterprise ?? Unregistered, Event(r))), cancellationToken);

    /// <summary>
    /// Sends daily results (<c>carbon_daily</c> rows), one batch (or more) per enterprise, as events of schema
    /// <see cref="DailyResultEvents.Schema"/>.
    /// </summary>
    /// <exception cref="EventHubsException">The hub refused or could not be reached after the SDK's retries.</exception>
    /// <exception cref="InvalidOperationException">One event is larger than a whole batch may be.</exception>
    public Task SendAsync(IReadOnlyList<EnterpriseDay> results, TimeZoneInfo zone, CancellationToken cancellationToken) =>
        SendAsync(results.Select(r => (r.Enterprise.Id, DailyResultEvents.Event(r, zone))), cancellationToken);

    /// <summary>Sends events grouped by partition key, each group in as few <see cref="EventDataBatch"/>es as fit.</summary>
    private async Task SendAsync(IEnumerable<(string PartitionKey, EventData Data)> events, CancellationToken cancellationToken)
    {
        if (producer is null) return;
        foreach (var partition in events.GroupBy(e => e.PartitionKey, e => e.Data, StringComparer.Ordinal))
        {
            var options = new CreateBatchOptions { PartitionKey = partition.Key };
            var batch = await producer.CreateBatchAsync(options, cancellationToken).ConfigureAwait(false);
            try
            {
                foreach (var data in partition)
                {
                    if (batch.TryAdd(data)) continue;
                    if (batch.Count == 0) throw new InvalidOperationException($"an event of {data.EventBody.ToMemory().Length} bytes exceeds the hub's batch limit of {batch.MaximumSizeInBytes} bytes");
                    await producer.SendAsync(batch, cancellationToken).ConfigureAwait(false);
                    batch.Dispose();
                    batch = await producer.CreateBatchAsync(options, cancellationToken).ConfigureAwait(false);
                    if (!batch.TryAdd(data)) throw new InvalidOperationException($"an event exceeds the hub's batch limit of {batch.MaximumSizeInBytes} bytes");
                }
                if (batch.Count > 0) await producer.SendAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                batch.Dispose();
            }
        }
    }

    /// <summary>The JSON event of one reading: enterprise, site, gateway, device, point, value, unit, ts, quality, reason.</summary>
    private static EventData Event(ExportedReading exported)
    {
        var reading = exported.Reading;
        var body = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("schema", ReadingSchema);
            if (exported.Enterprise is { } enterprise) json.WriteString("enterprise", enterprise);
            json.WriteString("site", exported.Site);
            json.WriteString("gateway", exported.Gateway);
            json.WriteString("device", reading.Device);
            json.WriteString("point", reading.Point);
            if (reading.Value is { } value) json.WriteNumber("value", value);
            else json.WriteNull("value");
            json.WriteString("unit", reading.Unit);
            json.WriteString("ts", reading.Ts.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("quality", reading.Quality.ToString().ToLowerInvariant());
            if (reading.Reason is { } reason) json.WriteString("reason", reason);
            json.WriteEndObject();
        }
        var data = new EventData(body.WrittenMemory.ToArray()) { ContentType = "application/json" };
        data.Properties["schema"] = ReadingSchema;
        data.Properties["site"] = exported.Site;
        data.Properties["device"] = reading.Device;
        return data;
    }

    /// <summary>Closes the producer.</summary>
    public async ValueTask DisposeAsync()
    {
        if (producer is not null) await producer.DisposeAsync().ConfigureAwait(false);
    }
}
