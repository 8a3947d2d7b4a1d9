using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using OtpNet;

namespace CarbonEdge.Cloud.Access;

/// <summary>
/// Users and API keys in the registry's SQLite file (tables <c>access_user</c> and <c>api_key</c>; T/CEPPC 14-2023 §5.1
/// unified identity, §5.2 user management). Passwords are hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>;
/// API keys are shown once and stored as the SHA-256 of their 256-bit random secret. Thread-safe.
/// </summary>
internal sealed partial class AccessStore(SqliteConnection connection, TimeProvider time) : SqliteTables(connection, time)
{
    /// <summary>Failed sign-ins in a row that lock a user out.</summary>
    public const int MaxFailures = 5;

    /// <summary>How long a lockout lasts.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private const string KeyPrefix = "cek_";
    private readonly PasswordHasher<AccessUser> _hasher = new();

    /// <summary>Opens the access tables in the SQLite file at <paramref name="path"/> (the registry's), creating them.</summary>
    public static AccessStore Open(string path, TimeProvider? time = null)
    {
        var connection = OpenWithSchema(path, """
            CREATE TABLE IF NOT EXISTS access_user (name TEXT PRIMARY KEY, role TEXT NOT NULL, scope TEXT NOT NULL, password_hash TEXT NOT NULL,
                totp_secret TEXT, totp_last_step INTEGER NOT NULL DEFAULT 0, failures INTEGER NOT NULL DEFAULT 0, locked_until_ms INTEGER,
                created_ms INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS api_key (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, scope TEXT NOT NULL,
                secret_sha256 TEXT NOT NULL, created_ms INTEGER NOT NULL, expires_ms INTEGER, revoked_ms INTEGER, last_used_ms INTEGER);
            """);
        return new AccessStore(connection, time ?? TimeProvider.System);
    }

    /// <summary>True for a user or key name as the store accepts it: <c>[A-Za-z0-9._@-]{1,64}</c>.</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    /// <summary>
    /// Adds a user (or replaces one of the same name, resetting lockout). Returns the new TOTP secret (base32) when
    /// <paramref name="withTotp"/> or the role requires one, else null.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid name, or a password shorter than 12 characters.</exception>
    public string? AddUser(string name, string role, AccessScope scope, string password, bool withTotp)
    {
        if (!IsValidName(name)) throw new ArgumentException($"user name '{name}' must match [A-Za-z0-9._@-]{{1,64}}", nameof(name));
        if (password.Length < 12) throw new ArgumentException("the password must have at least 12 characters", nameof(password));
        string? secret = withTotp || Roles.RequiresTotp(role) ? Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20)) : null;
        var hash = _hasher.HashPassword(null!, password);
        lock (Sync)
        {
            Connection.Run("""
                INSERT INTO access_user (name, role, scope, password_hash, totp_secret, created_ms) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT(name) DO UPDATE SET role = $2, scope = $3, password_hash = $4, totp_secret = $5, totp_last_step = 0,
                    failures = 0, locked_until_ms = NULL
                """, name, role, scope.ToString(), hash, secret, Now());
        }
        return secret;
    }

    /// <summary>The user of that name, or null.</summary>
    public AccessUser? FindUser(string name)
    {
        lock (Sync)
        {
            return Connection.Rows("SELECT name, role, scope, password_hash, totp_secret, totp_last_step, failures, locked_until_ms FROM access_user WHERE name = $1",
                r => new AccessUser(r.GetString(0), r.GetString(1), ParseScope(r.GetString(1), r.GetString(2)), r.GetString(3),
                    r.IsDBNull(4) ? null : r.GetString(4), r.GetInt64(5), r.GetInt32(6), r.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7))),
                name).FirstOrDefault();
        }
    }

    /// <summary>
    /// Checks a sign-in: password, then (when the user has one) the TOTP code, which must not have been used before.
    /// Counts failures and locks the user out for <see cref="LockoutDuration"/> after <see cref="MaxFailures"/> in a row.
    /// </summary>
    public SignInCheck CheckSignIn(string name, string password, string? totpCode, out AccessUser? user)
    {
        user = FindUser(name);
        var now = Time.GetUtcNow();
        if (user is null)
        {
            _hasher.HashPassword(null!, password); // same work as for a known user: no timing hint that the name exists
            return SignInCheck.BadCredentials;
        }
        if (user.LockedUntil is { } until && until > now) return SignInCheck.LockedOut;
        if (_hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
            return Fail(user, SignInCheck.BadCredentials);
        if (user.TotpSecret is { } secret)
        {
            if (string.IsNullOrEmpty(totpCode)) return SignInCheck.TotpRequired;
            var totp = new Totp(Base32Encoding.ToBytes(secret), timeCorrection: new TimeCorrection(now.UtcDateTime));
            if (!totp.VerifyTotp(now.UtcDateTime, totpCode, out long step, VerificationWindow.RfcSpecifiedNetworkDelay) || step <= user.TotpLastStep)
                return Fail(user, SignInCheck.BadTotp);
            lock (Sync) Connection.Run("UPDATE access_user SET totp_last_step = $2 WHERE name = $1", name, step);
        }
        lock (Sync) Connection.Run("UPDATE access_user SET failures = 0, locked_until_ms = NULL WHERE name = $1", name);
        return SignInCheck.Success;
    }

    /// <summary>Creates a key; returns it (the only time it exists in clear) with what is stored.</summary>
    /// <exception cref="ArgumentException">Invalid name or expiry.</exception>
    public (string Key, ApiKeyInfo Info) CreateKey(string name, string role, AccessScope scope, int? expiresDays)
    {
        if (!IsValidName(name)) throw new ArgumentException($"key name '{name}' must match [A-Za-z0-9._@-]{{1,64}}", nameof(name));
        if (expiresDays is <= 0 or > 3660) throw new ArgumentException("--expires must be 1..3660 days", nameof(expiresDays));
        string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        string secret = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = Time.GetUtcNow();
        DateTimeOffset? expires = expiresDays is { } days ? now.AddDays(days) : null;
        lock (Sync)
        {
            Connection.Run("INSERT INTO api_key (id, name, role, scope, secret_sha256, created_ms, expires_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                id, name, role, scope.ToString(), Sha256(secret), now.ToUnixTimeMilliseconds(), expires?.ToUnixTimeMilliseconds());
        }
        return ($"{KeyPrefix}{id}_{secret}", new ApiKeyInfo(id, name, role, scope, now, expires, null, null));
    }

    /// <summary>Every key, newest first (without secrets).</summary>
    public IReadOnlyList<ApiKeyInfo> Keys()
    {
        lock (Sync)
        {
            return Connection.Rows("SELECT id, name, role, scope, created_ms, expires_ms, revoked_ms, last_used_ms FROM api_key ORDER BY created_ms DESC, id", ReadKey);
        }
    }

    /// <summary>Revokes the keys whose id or name is <paramref name="idOrName"/>; returns how many.</summary>
    public int RevokeKey(string idOrName)
    {
        lock (Sync)
        {
            return Connection.Run("UPDATE api_key SET revoked_ms = $2 WHERE (id = $1 OR name = $1) AND revoked_ms IS NULL", idOrName, Now());
        }
    }

    /// <summary>
    /// The active key a presented key text stands for (secret compared in constant time), or null with why:
    /// <c>malformed</c>, <c>unknown</c>, <c>revoked</c> or <c>expired</c>.
    /// </summary>
    public ApiKeyInfo? Authenticate(string presented, out string? failure)
    {
        failure = "malformed";
        if (!presented.StartsWith(KeyPrefix, StringComparison.Ordinal) || presented.Length > 128) return null;
        var parts = presented[KeyPrefix.Length..].Split('_', 2);
        if (parts.Length != 2) return null;
        ApiKeyInfo? key;
        string? stored;
        lock (Sync)
        {
            (key, stored) = Connection.Rows("SELECT id, name, role, scope, created_ms, expires_ms, revoked_ms, last_used_ms, secret_sha256 FROM api_key WHERE id = $1",
                r => (ReadKey(r), r.GetString(8)), parts[0]).FirstOrDefault();
        }
        failure = "unknown";
        if (key is null || stored is null) return null;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sha256(parts[1])), Encoding.ASCII.GetBytes(stored))) return null;
        var now = Time.GetUtcNow();
        failure = key.Revoked is not null ? "revoked" : key.Expires is { } e && now >= e ? "expired" : null;
        if (failure is not null) return null;
        return key;
    }

    /// <summary>Records a key's last use (called at most once a minute per key).</summary>
    public void TouchKey(string id)
    {
        lock (Sync) Connection.Run("UPDATE api_key SET last_used_ms = $2 WHERE id = $1", id, Now());
    }

    private SignInCheck Fail(AccessUser user, SignInCheck check)
    {
        int failures = user.Failures + 1;
        long? lockedUntil = failures >= MaxFailures ? Time.GetUtcNow().Add(LockoutDuration).ToUnixTimeMilliseconds() : null;
        lock (Sync)
        {
            Connection.Run("UPDATE access_user SET failures = $2, locked_until_ms = $3 WHERE name = $1",
                user.Name, lockedUntil is null ? failures : 0, lockedUntil);
        }
        return lockedUntil is null ? check : SignInCheck.LockedOut;
    }

    private static ApiKeyInfo ReadKey(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), ParseScope(r.GetString(2), r.GetString(3)),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)), TimeAt(r, 5), TimeAt(r, 6), TimeAt(r, 7));

    private static DateTimeOffset? TimeAt(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));

    private static AccessScope ParseScope(string role, string text) =>
        AccessScope.TryParse(role, text, out var scope, out _) ? scope : AccessScope.None;

    private long Now() => Time.GetUtcNow().ToUnixTimeMilliseconds();

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex NamePattern();
}

/// <summary>The outcome of a sign-in check.</summary>
internal enum SignInCheck
{
    /// <summary>Password (and TOTP where required) right.</summary>
    Success,
    /// <summary>Unknown user or wrong password (the answer does not say which).</summary>
    BadCredentials,
    /// <summary>Password right; the user has a second factor and no code was given.</summary>
    TotpRequired,
    /// <summary>Password right, TOTP code wrong or already used.</summary>
    BadTotp,
    /// <summary>Too many failures in a row; locked for <see cref="AccessStore.LockoutDuration"/>.</summary>
    LockedOut,
}
