using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CarbonEdge.Cloud.Access;

/// <summary>
/// Authenticates machines by the <c>X-Api-Key</c> header (T/CEPPC 14-2023 §5.1 identity for the regional platform and
/// scripts): no header, no result (other schemes may apply); a key that is malformed, unknown, revoked or expired fails
/// and is audited; a good key becomes a principal with the key's name, role and scope. Its use is audited once a minute per key.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AccessStore store, Auditor auditor, TimeProvider time) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The request header carrying the key.</summary>
    public const string Header = "X-Api-Key";

    private static readonly ConcurrentDictionary<string, long> LastAudited = new();

    /// <inheritdoc/>
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values)) return Task.FromResult(AuthenticateResult.NoResult());
        var key = store.Authenticate(values.ToString(), out var failure);
        if (key is null)
        {
            auditor.Record($"anonymous@{Context.Connection.RemoteIpAddress}", "key.use", Auditor.TargetOf(Context), "failed", $"key {failure}");
            return Task.FromResult(AuthenticateResult.Fail($"API key {failure}"));
        }
        long minute = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        if (LastAudited.GetValueOrDefault(key.Id, -1) != minute)
        {
            LastAudited[key.Id] = minute;
            store.TouchKey(key.Id);
            auditor.Record($"key:{key.Name}", "key.use", Auditor.TargetOf(Context), "ok", $"key id {key.Id}; first use this minute");
        }
        var caller = new Caller(key.Name, key.Role, key.Scope, "key");
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(SchemeName), SchemeName)));
    }
}
