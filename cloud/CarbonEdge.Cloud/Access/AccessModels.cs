namespace CarbonEdge.Cloud.Access;

/// <summary>A person who signs in to the dashboard.</summary>
/// <param name="Name">User name, <c>[A-Za-z0-9._@-]{1,64}</c>.</param>
/// <param name="Role">One of <see cref="Roles"/>.</param>
/// <param name="Scope">What the user may see.</param>
/// <param name="PasswordHash">ASP.NET Core Identity <c>PasswordHasher</c> v3 hash (PBKDF2-HMAC-SHA512, 100 000 iterations, salted).</param>
/// <param name="TotpSecret">Base32 TOTP secret (RFC 6238, 30 s, 6 digits), or null when the user has no second factor.</param>
/// <param name="TotpLastStep">Last TOTP time step accepted (a code is never accepted twice), or 0.</param>
/// <param name="Failures">Consecutive failed sign-ins.</param>
/// <param name="LockedUntil">End of a lockout, or null.</param>
internal sealed record AccessUser(string Name, string Role, AccessScope Scope, string PasswordHash, string? TotpSecret, long TotpLastStep,
    int Failures, DateTimeOffset? LockedUntil);

/// <summary>An API key as stored: never the key itself, only the SHA-256 of its secret part.</summary>
/// <param name="Id">Public id, the key's second part (<c>cek_{id}_{secret}</c>), 12 hex digits.</param>
/// <param name="Name">Name given at creation.</param>
/// <param name="Role">One of <see cref="Roles"/>.</param>
/// <param name="Scope">What the key may see.</param>
/// <param name="Created">Creation time.</param>
/// <param name="Expires">Expiry, or null for none.</param>
/// <param name="Revoked">Revocation time, or null.</param>
/// <param name="LastUsed">Last successful use, or null.</param>
internal sealed record ApiKeyInfo(string Id, string Name, string Role, AccessScope Scope, DateTimeOffset Created, DateTimeOffset? Expires,
    DateTimeOffset? Revoked, DateTimeOffset? LastUsed)
{
    /// <summary>True when the key may be used at <paramref name="now"/>.</summary>
    public bool IsActive(DateTimeOffset now) => Revoked is null && (Expires is null || now < Expires);
}
