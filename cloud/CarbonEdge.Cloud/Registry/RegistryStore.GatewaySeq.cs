namespace CarbonEdge.Cloud.Registry;

internal sealed partial class RegistryStore
{
    /// <summary>
    /// Records the <c>seq</c>s of several batches, in order, in one transaction (one disk sync for a whole ingestion
    /// write), and says how each relates to the one before from its gateway. A repeat does not lower the stored value.
    /// </summary>
    public IReadOnlyList<(SeqCheck Check, long Previous)> RecordSeqs(IReadOnlyList<(string Site, string Gateway, long Seq)> batches, DateTimeOffset now)
    {
        var checks = new List<(SeqCheck, long)>(batches.Count);
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            foreach (var (site, gateway, seq) in batches)
            {
                object? previous = Scalar("SELECT last_seq FROM gateway_seq WHERE site = $1 AND gateway = $2", site, gateway);
                long last = previous is long l ? l : -1;
                var check = previous is null ? SeqCheck.First : seq == last + 1 ? SeqCheck.Next : seq > last ? SeqCheck.Gap : SeqCheck.Repeat;
                if (check != SeqCheck.Repeat)
                    Execute("INSERT INTO gateway_seq (site, gateway, last_seq, updated_ms) VALUES ($1, $2, $3, $4) ON CONFLICT(site, gateway) DO UPDATE SET last_seq = $3, updated_ms = $4",
                        site, gateway, seq, now.ToUnixTimeMilliseconds());
                checks.Add((check, last));
            }
            transaction.Commit();
        }
        return checks;
    }
}
