using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace CarbonEdge.Cloud.Access;

/// <summary>One audit row.</summary>
/// <param name="Id">Sequence number, from 1, without gaps.</param>
/// <param name="Ts">When, UTC, milliseconds.</param>
/// <param name="Actor">Who: <c>user:NAME</c>, <c>key:NAME</c>, <c>cli:OSUSER</c> or <c>anonymous</c> (with the client address).</param>
/// <param name="Action">What, dotted: <c>sign-in</c>, <c>sign-in.totp</c>, <c>key.use</c>, <c>access.denied</c>, <c>registry.enterprise.put</c>, <c>user.add</c>, <c>key.create</c>...</param>
/// <param name="Target">On what (a path, an id), or empty.</param>
/// <param name="Outcome"><c>ok</c> or <c>denied</c> / <c>failed</c> with a status.</param>
/// <param name="Detail">Anything else worth keeping (never a secret).</param>
/// <param name="PrevHash">Hash of the row before (64 zeros for the first).</param>
/// <param name="Hash">SHA-256 over the previous hash and this row's fields.</param>
internal sealed record AuditEntry(long Id, DateTimeOffset Ts, string Actor, string Action, string Target, string Outcome, string Detail, string PrevHash, string Hash);

/// <summary>
/// The append-only audit log (T/CEPPC 14-2023 §5.4 log management; T/CES carbon statistics §8.3 audit; T/ZJSEE energy-power
/// monitoring guide §6.4.7.1.3): table <c>audit</c> in the registry's SQLite file, triggers refuse UPDATE and DELETE, and
/// every row carries the SHA-256 of the row before it, so that <see cref="Verify"/> finds any edited, inserted or removed
/// row even when the triggers were dropped. Appends are serialised by an immediate transaction, across processes too.
/// </summary>
internal sealed class AuditLog(SqliteConnection connection, TimeProvider time) : SqliteTables(connection, time)
{
    /// <summary>The previous hash of the first row.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Opens the audit table in the SQLite file at <paramref name="path"/> (the registry's), creating it and its guards.</summary>
    public static AuditLog Open(string path, TimeProvider? time = null)
    {
        var connection = OpenWithSchema(path, """
            CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY, ts_ms INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
                target TEXT NOT NULL, outcome TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
            CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """);
        return new AuditLog(connection, time ?? TimeProvider.System);
    }

    /// <summary>Appends a row chained to the last one.</summary>
    public AuditEntry Append(string actor, string action, string target, string outcome, string detail = "")
    {
        lock (Sync)
        {
            using var transaction = Connection.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: one writer, other processes wait
            var (lastId, prev) = Connection.Rows("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", r => (r.GetInt64(0), r.GetString(1)))
                .DefaultIfEmpty((0L, Genesis)).First();
            var ts = DateTimeOffset.FromUnixTimeMilliseconds(Time.GetUtcNow().ToUnixTimeMilliseconds());
            var entry = new AuditEntry(lastId + 1, ts, Clip(actor), Clip(action), Clip(target), Clip(outcome), Clip(detail), prev, "");
            entry = entry with { Hash = HashOf(entry) };
            Connection.Run("INSERT INTO audit (id, ts_ms, actor, action, target, outcome, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                entry.Id, ts.ToUnixTimeMilliseconds(), entry.Actor, entry.Action, entry.Target, entry.Outcome, entry.Detail, entry.PrevHash, entry.Hash);
            transaction.Commit();
            return entry;
        }
    }

    /// <summary>Rows with id above <paramref name="afterId"/>, oldest first, at most <paramref name="limit"/>; optionally one action prefix.</summary>
    public IReadOnlyList<AuditEntry> Read(long afterId, int limit, string? actionPrefix = null)
    {
        lock (Sync)
        {
            return Connection.Rows("SELECT id, ts_ms, actor, action, target, outcome, detail, prev_hash, hash FROM audit " +
                                    "WHERE id > $1 AND ($3 IS NULL OR action = $3 OR action LIKE $3 || '.%') ORDER BY id LIMIT $2",
                Read, afterId, limit, actionPrefix);
        }
    }

    /// <summary>Number of rows.</summary>
    public long Count()
    {
        lock (Sync) return Connection.Rows("SELECT count(*) FROM audit", r => r.GetInt64(0))[0];
    }

    /// <summary>
    /// Walks the whole chain: ids must run 1, 2, 3... without gaps, each row's previous hash must be the hash of the row
    /// before and its own hash must match its fields. Returns the rows checked and the first problem, or null.
    /// </summary>
    public (long Rows, string? Problem) Verify()
    {
        lock (Sync)
        {
            using var command = Connection.CreateCommand();
            command.CommandText = "SELECT id, ts_ms, actor, action, target, outcome, detail, prev_hash, hash FROM audit ORDER BY id";
            using var reader = command.ExecuteReader();
            long expectedId = 1, rows = 0;
            string prev = Genesis;
            while (reader.Read())
            {
                var entry = Read(reader);
                rows++;
                if (entry.Id != expectedId) return (rows, $"row {expectedId} is missing (next row is {entry.Id})");
                if (entry.PrevHash != prev) return (rows, $"row {entry.Id}: its previous hash does not match row {entry.Id - 1} (a row was removed or edited)");
                if (HashOf(entry) != entry.Hash) return (rows, $"row {entry.Id}: its hash does not match its fields (the row was edited)");
                prev = entry.Hash;
                expectedId++;
            }
            return (rows, null);
        }
    }

    /// <summary>SHA-256 (hex) of the previous hash and the row's fields, each length-prefixed so no two rows serialise alike.</summary>
    internal static string HashOf(AuditEntry e)
    {
        var text = new StringBuilder();
        foreach (var field in (string[])[e.PrevHash, e.Id.ToString(CultureInfo.InvariantCulture), e.Ts.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                     e.Actor, e.Action, e.Target, e.Outcome, e.Detail])
        {
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static AuditEntry Read(SqliteDataReader r) => new(r.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2),
        r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7), r.GetString(8));

    private static string Clip(string text) => text.Length <= 1000 ? text : text[..1000];
}
