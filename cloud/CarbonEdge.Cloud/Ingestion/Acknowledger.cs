using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Live;
using CarbonEdge.Estimation;
using CarbonEdge.Protocols.Telemetry;
using MQTTnet;
using MQTTnet.Exceptions;

namespace CarbonEdge.Cloud.Ingestion;

/// <summary>
/// What follows a batch's write, message by message in receive order: the live values and the late days to re-estimate
/// (for written readings), then the PUBACK.
/// </summary>
internal sealed partial class Acknowledger(LiveValues live, LateDays lateDays, EstimationOptions estimation, TimeProvider time, ILogger<Acknowledger> logger)
{
    /// <summary>Completes <paramref name="batch"/>; <paramref name="written"/> is false when its readings went to dead letters instead.</summary>
    public async Task CompleteAsync(IReadOnlyList<Delivery> batch, bool written, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var todayStart = LocalDay.UtcBounds(LocalDay.Of(now, estimation.TimeZone), estimation.TimeZone).Start;
        foreach (var delivery in batch)
        {
            if (written && delivery.Readings.Count > 0)
            {
                live.Offer(delivery.Site, delivery.Gateway, delivery.Readings);
                MarkLateDays(delivery.Site, delivery.Readings, todayStart, now);
            }
            await AcknowledgeAsync(delivery.Message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Good energy readings, meters' daily freezes (formula 1's day boundaries) and stack CO2 readings (formula 5) written may change past days' estimates (<see cref="LateDays"/> decides which to keep).</summary>
    private void MarkLateDays(string site, IReadOnlyList<Reading> readings, DateTimeOffset todayStart, DateTimeOffset now)
    {
        foreach (var reading in readings)
        {
            if (reading.Point is Points.EnergyActiveImport or Points.EnergyActiveImportFrozen or "cems.co2" && reading.Quality == ReadingQuality.Good && reading.Value is not null)
                lateDays.Note(site, reading.Device, reading.Ts, todayStart, now);
        }
    }

    /// <summary>
    /// Sends the PUBACK. A message received on a connection that has since dropped cannot be acknowledged (MQTTnet 5.2
    /// then fails inside its send, even with a NullReferenceException): the broker redelivers it to the persistent
    /// session, and writing it again is harmless.
    /// </summary>
    private async Task AcknowledgeAsync(MqttApplicationMessageReceivedEventArgs message, CancellationToken cancellationToken)
    {
        try
        {
            await message.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or NullReferenceException or ObjectDisposedException or InvalidOperationException)
        {
            LogAcknowledgeLost(logger, message.ApplicationMessage.Topic, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A message on {Topic} was written but its connection dropped before the PUBACK ({Reason}); the broker redelivers it")]
    static partial void LogAcknowledgeLost(ILogger logger, string topic, string reason);
}
