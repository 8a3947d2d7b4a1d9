namespace CarbonEdge.Protocols.Telemetry;

/// <summary>Packs readings into contract batches that respect the 256 KiB limit.</summary>
public static class TelemetryBatching
{
    /// <summary>
    /// Splits <paramref name="readings"/> into batches of at most <paramref name="maxReadings"/> readings whose
    /// serialized size is at most <paramref name="maxBytes"/>, numbered from <paramref name="firstSeq"/> on.
    /// Order is kept. Returns each batch with its UTF-8 JSON.
    /// </summary>
    /// <exception cref="ArgumentException">A single reading alone exceeds <paramref name="maxBytes"/>.</exception>
    public static IReadOnlyList<(TelemetryBatch Batch, byte[] Payload)> Pack(string site, string gateway, long firstSeq,
        DateTimeOffset sentAt, IReadOnlyList<Reading> readings, int maxReadings = 500, int maxBytes = TelemetrySchema.MaxBatchBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReadings, 1);
        var packed = new List<(TelemetryBatch, byte[])>();
        var pending = new Queue<ArraySegment<Reading>>();
        Reading[] all = [.. readings];
        for (int start = 0; start < all.Length; start += maxReadings)
        {
            pending.Enqueue(new ArraySegment<Reading>(all, start, Math.Min(maxReadings, all.Length - start)));
        }
        long seq = firstSeq;
        var sentAtMs = Timestamps.ToMilliseconds(sentAt);
        while (pending.TryDequeue(out var chunk))
        {
            var batch = new TelemetryBatch(TelemetrySchema.V1, site, gateway, seq, sentAtMs, chunk.ToArray());
            byte[] payload = TelemetryCodec.Serialize(batch);
            if (payload.Length <= maxBytes)
            {
                packed.Add((batch, payload));
                seq++;
                continue;
            }
            if (chunk.Count == 1)
                throw new ArgumentException($"Reading of {chunk[0].Device}/{chunk[0].Point} alone is {payload.Length} bytes, over {maxBytes}.");
            // Too large: split in halves and retry them first, keeping order.
            int half = chunk.Count / 2;
            var rest = pending.ToArray();
            pending.Clear();
            pending.Enqueue(chunk[..half]);
            pending.Enqueue(chunk[half..]);
            foreach (var r in rest) pending.Enqueue(r);
        }
        return packed;
    }
}
