using CarbonEdge.Cloud.Estimation;

namespace CarbonEdge.Cloud.Registry;

/// <summary>
/// What instances sharing one registry database coordinate through: named leases (one holder at a time, until its
/// expiry) and the late-reading spans an instance without the estimation lease hands to the one with it.
/// </summary>
internal sealed partial class RegistryStore
{
    private bool _leaseTablesCreated;

    /// <summary>Creates the tables on first use (call with the lock held).</summary>
    private void EnsureLeaseTables()
    {
        if (_leaseTablesCreated) return;
        CreateLeaseTables();
        _leaseTablesCreated = true;
    }

    private void CreateLeaseTables() => Execute("""
        CREATE TABLE IF NOT EXISTS lease (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_ms INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS late_span (site TEXT NOT NULL, device TEXT NOT NULL, first_ms INTEGER NOT NULL,
            last_ms INTEGER NOT NULL, PRIMARY KEY (site, device));
        """);

    /// <summary>
    /// Takes or renews the lease <paramref name="name"/> for <paramref name="holder"/> until <paramref name="expires"/>,
    /// in one statement: it succeeds only when the lease is free, expired at <paramref name="now"/>, or already this
    /// holder's, so two instances can never both hold it.
    /// </summary>
    /// <returns>True when <paramref name="holder"/> holds the lease until <paramref name="expires"/>.</returns>
    public bool TryHoldLease(string name, string holder, DateTimeOffset now, DateTimeOffset expires)
    {
        lock (_lock)
        {
            EnsureLeaseTables();
            Execute("INSERT OR IGNORE INTO lease (name, holder, expires_ms) VALUES ($1, '', 0)", name);
            using var command = Bind("UPDATE lease SET holder = $2, expires_ms = $4 WHERE name = $1 AND (holder = $2 OR expires_ms <= $3)",
                [name, holder, now.ToUnixTimeMilliseconds(), expires.ToUnixTimeMilliseconds()]);
            return command.ExecuteNonQuery() == 1;
        }
    }

    /// <summary>Gives the lease up at once when <paramref name="holder"/> holds it (an orderly stop), so another takes over without waiting for the expiry.</summary>
    public void ReleaseLease(string name, string holder)
    {
        lock (_lock)
        {
            EnsureLeaseTables();
            Execute("UPDATE lease SET expires_ms = 0 WHERE name = $1 AND holder = $2", name, holder);
        }
    }

    /// <summary>The holder of lease <paramref name="name"/> and its expiry, or null when it was never taken.</summary>
    public (string Holder, DateTimeOffset Expires)? LeaseHolder(string name)
    {
        lock (_lock)
        {
            EnsureLeaseTables();
            return Query("SELECT holder, expires_ms FROM lease WHERE name = $1 AND holder <> ''",
            r => (r.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1))), name) is [var row] ? row : null;
        }
    }

    /// <summary>Adds late spans for the estimation lease holder to take (merged per device: earliest first, latest last).</summary>
    public void HandOverLateSpans(IReadOnlyCollection<LateSpan> spans)
    {
        if (spans.Count == 0) return;
        lock (_lock)
        {
            EnsureLeaseTables();
            using var transaction = _connection.BeginTransaction();
            foreach (var s in spans)
                Execute("""
                    INSERT INTO late_span (site, device, first_ms, last_ms) VALUES ($1, $2, $3, $4)
                    ON CONFLICT(site, device) DO UPDATE SET first_ms = min(first_ms, $3), last_ms = max(last_ms, $4)
                    """, s.Site, s.Device, s.First.ToUnixTimeMilliseconds(), s.Last.ToUnixTimeMilliseconds());
            transaction.Commit();
        }
    }

    /// <summary>Takes (and removes) every late span handed over by other instances.</summary>
    public IReadOnlyList<LateSpan> TakeLateSpans()
    {
        lock (_lock)
        {
            EnsureLeaseTables();
            using var transaction = _connection.BeginTransaction();
            var spans = Query("SELECT site, device, first_ms, last_ms FROM late_span", r => new LateSpan(r.GetString(0), r.GetString(1),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3))));
            if (spans.Count > 0) Execute("DELETE FROM late_span");
            transaction.Commit();
            return spans;
        }
    }
}
