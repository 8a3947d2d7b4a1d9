using CarbonEdge.Cloud.Hosting;

namespace CarbonEdge.Cloud.Ingestion;

/// <summary>
/// Takes received messages from <see cref="IngestionQueue"/> in order and writes them in batches: a batch closes at
/// <see cref="IngestionOptions.MaxPoints"/> points, <see cref="IngestionOptions.MaxMessages"/> messages (the broker's
/// in-flight window) or <see cref="IngestionOptions.MaxDelayMs"/> after it opened; messages with nothing to write are
/// acknowledged as soon as they come up. Each batch goes through <see cref="ReadingSinks"/>, then
/// <see cref="Acknowledger"/>: a crash or an outage loses nothing, because only written (or dead-lettered) messages are
/// acknowledged, and the write is idempotent on (series, time).
/// </summary>
internal sealed class BatchingWriter(IngestionQueue queue, ReadingSinks sinks, Acknowledger acknowledger, IngestionOptions options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Delivery>();
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                await FillAsync(batch, stoppingToken).ConfigureAwait(false);
                bool written = await sinks.WriteAsync(batch, stoppingToken).ConfigureAwait(false);
                await acknowledger.CompleteAsync(batch, written, stoppingToken).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: what is not acknowledged is redelivered to the persistent session
        }
    }

    /// <summary>Adds messages to <paramref name="batch"/> until it is full, its time is up, or there is nothing to wait for.</summary>
    private async Task FillAsync(List<Delivery> batch, CancellationToken stoppingToken)
    {
        var deadline = time.GetUtcNow() + TimeSpan.FromMilliseconds(options.MaxDelayMs);
        int points = 0;
        while (points < options.MaxPoints && batch.Count < options.MaxMessages)
        {
            if (queue.Reader.TryRead(out var delivery))
            {
                batch.Add(delivery);
                points += delivery.Points.Count;
                continue;
            }
            var wait = deadline - time.GetUtcNow();
            if (points == 0 || wait <= TimeSpan.Zero) return;
            using var timeout = new CancellationTokenSource(wait, time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
            try
            {
                if (!await queue.Reader.WaitToReadAsync(either.Token).ConfigureAwait(false)) return;
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
