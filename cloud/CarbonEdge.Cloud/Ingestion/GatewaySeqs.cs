using System.Threading.Channels;
using CarbonEdge.Cloud.Registry;
using Microsoft.Data.Sqlite;

namespace CarbonEdge.Cloud.Ingestion;

/// <summary>
/// The <c>seq</c> check of each gateway (DESIGN.md: it increases by one per batch and survives restarts): a jump ahead is
/// counted and logged as a gap, a batch at or below the last as a repeat (a redelivery). A diagnosis, kept off the write
/// path: written batches are handed over in receive order (<see cref="Record"/>) and recorded in the background, as many
/// as are waiting in one registry transaction (before, one synced registry write per message held every PUBACK); a
/// registry failure is logged and stops nothing. After a crash, a batch acknowledged but not yet checked makes the next
/// one look like a gap: the count is a diagnosis, the readings are complete.
/// </summary>
internal sealed partial class GatewaySeqs(RegistryStore registry, IngestionStats stats, TimeProvider time, ILogger<GatewaySeqs> logger) : BackgroundService
{
    private readonly Channel<(string Site, string Gateway, long Seq)> _pending = Channel.CreateUnbounded<(string, string, long)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    /// <summary>Hands over the seqs of the telemetry batches in <paramref name="batch"/>, in receive order.</summary>
    public void Record(IReadOnlyList<Delivery> batch)
    {
        foreach (var delivery in batch.Where(d => d.Seq >= 0)) _pending.Writer.TryWrite((delivery.Site, delivery.Gateway, delivery.Seq));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seqs = new List<(string Site, string Gateway, long Seq)>();
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (seqs.Count < 10_000 && _pending.Reader.TryRead(out var seq)) seqs.Add(seq);
                Check(seqs);
                seqs.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: the batches not yet checked are checked again when redelivered or next seen
        }
    }

    private void Check(List<(string Site, string Gateway, long Seq)> seqs)
    {
        try
        {
            var checks = registry.RecordSeqs(seqs, time.GetUtcNow());
            for (int i = 0; i < seqs.Count; i++)
            {
                var (check, previous) = checks[i];
                if (check == SeqCheck.Gap)
                {
                    stats.SeqGap();
                    LogSeqGap(logger, seqs[i].Site, seqs[i].Gateway, previous, seqs[i].Seq);
                }
                else if (check == SeqCheck.Repeat)
                {
                    stats.SeqRepeat();
                }
            }
        }
        catch (SqliteException ex)
        {
            LogSeqCheckFailed(logger, seqs.Count, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway {Site}/{Gateway}: seq jumped from {Previous} to {Seq} (batches missing or still to come)")]
    static partial void LogSeqGap(ILogger logger, string site, string gateway, long previous, long seq);

    [LoggerMessage(Level = LogLevel.Error, Message = "Seq check of {Count} batches failed (registry): {Error}")]
    static partial void LogSeqCheckFailed(ILogger logger, int count, string error);
}
