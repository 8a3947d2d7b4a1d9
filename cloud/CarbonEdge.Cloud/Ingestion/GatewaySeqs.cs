using CarbonEdge.Cloud.Registry;
using Microsoft.Data.Sqlite;

namespace CarbonEdge.Cloud.Ingestion;

/// <summary>
/// The <c>seq</c> check of each gateway (DESIGN.md: it increases by one per batch and survives restarts): a jump ahead is
/// counted and logged as a gap, a batch at or below the last as a repeat (a redelivery). Recorded per written batch in
/// one registry transaction, off the receive path. A diagnosis: a registry failure is logged and stops nothing.
/// </summary>
internal sealed partial class GatewaySeqs(RegistryStore registry, IngestionStats stats, TimeProvider time, ILogger<GatewaySeqs> logger)
{
    /// <summary>Records the seqs of the telemetry batches in <paramref name="batch"/>, in receive order.</summary>
    public void Record(IReadOnlyList<Delivery> batch)
    {
        var seqs = batch.Where(d => d.Seq >= 0).Select(d => (d.Site, d.Gateway, d.Seq)).ToList();
        if (seqs.Count == 0) return;
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
