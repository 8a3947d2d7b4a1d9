using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace CarbonEdge.Cloud.Access;

/// <summary>
/// One-time provisioning tokens for new gateways (table <c>provisioning_token</c> in the registry file): an admin creates
/// one for a site and gateway id; the gateway redeems it once (<c>cedge provision</c>) for its own broker credentials.
/// Stored as the SHA-256 of the secret. Thread-safe; a token is redeemed at most once even across processes.
/// </summary>
internal sealed class ProvisioningTokens(SqliteConnection connection, TimeProvider time) : SqliteTables(connection, time)
{
    private const string Prefix = "cpt_";

    /// <summary>Opens the token table in the SQLite file at <paramref name="path"/>, creating it.</summary>
    public static ProvisioningTokens Open(string path, TimeProvider? time = null)
    {
        var connection = OpenWithSchema(path, """
            CREATE TABLE IF NOT EXISTS provisioning_token (id TEXT PRIMARY KEY, site TEXT NOT NULL, gateway TEXT NOT NULL,
                secret_sha256 TEXT NOT NULL, created_ms INTEGER NOT NULL, expires_ms INTEGER NOT NULL, used_ms INTEGER);
            """);
        return new ProvisioningTokens(connection, time ?? TimeProvider.System);
    }

    /// <summary>A new token for <paramref name="site"/>/<paramref name="gateway"/>, valid for <paramref name="validFor"/>; the only time it exists in clear.</summary>
    public string Create(string site, string gateway, TimeSpan validFor)
    {
        string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        string secret = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = Time.GetUtcNow();
        lock (Sync)
        {
            Connection.Run("INSERT INTO provisioning_token (id, site, gateway, secret_sha256, created_ms, expires_ms) VALUES ($1, $2, $3, $4, $5, $6)",
                id, site, gateway, Sha256(secret), now.ToUnixTimeMilliseconds(), now.Add(validFor).ToUnixTimeMilliseconds());
        }
        return $"{Prefix}{id}_{secret}";
    }

    /// <summary>
    /// Redeems a token: its site and gateway, or null with why (<c>malformed</c>, <c>unknown</c>, <c>used</c>,
    /// <c>expired</c>). A redeemed token never works again.
    /// </summary>
    public (string Site, string Gateway)? Redeem(string presented, out string? failure)
    {
        failure = "malformed";
        if (!presented.StartsWith(Prefix, StringComparison.Ordinal) || presented.Length > 128) return null;
        var parts = presented[Prefix.Length..].Split('_', 2);
        if (parts.Length != 2) return null;
        long now = Time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (Sync)
        {
            var row = Connection.Rows("SELECT site, gateway, secret_sha256, expires_ms, used_ms FROM provisioning_token WHERE id = $1",
                r => (Site: r.GetString(0), Gateway: r.GetString(1), Hash: r.GetString(2), Expires: r.GetInt64(3), Used: !r.IsDBNull(4)), parts[0]).FirstOrDefault();
            failure = "unknown";
            if (row.Hash is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sha256(parts[1])), Encoding.ASCII.GetBytes(row.Hash))) return null;
            failure = row.Used ? "used" : now >= row.Expires ? "expired" : null;
            if (failure is not null) return null;
            if (Connection.Run("UPDATE provisioning_token SET used_ms = $2 WHERE id = $1 AND used_ms IS NULL", parts[0], now) != 1)
            {
                failure = "used";
                return null;
            }
            return (row.Site, row.Gateway);
        }
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
