using System.ComponentModel.DataAnnotations;

namespace CarbonEdge.Cloud.Access;

/// <summary>Sign-in, session and request-limit settings (config section <c>access</c>).</summary>
internal sealed class AccessOptions : IValidatableObject
{
    /// <summary>Sign-in attempts one client address may make per minute before 429 (default 10).</summary>
    [Range(1, 100_000)]
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>API requests (under <c>/api/</c>) one API key may make per minute before 429 (default 6000), unless <see cref="KeyLimits"/> names it.</summary>
    [Range(1, 100_000_000)]
    public int KeyRequestsPerMinute { get; set; } = 6000;

    /// <summary>API requests per minute of single API keys, by key name, in place of <see cref="KeyRequestsPerMinute"/> (e.g. more for the regional platform's key).</summary>
    public Dictionary<string, int> KeyLimits { get; set; } = [];

    /// <summary>API requests one client address may make per minute with a session cookie or without credentials before 429 (default 6000).</summary>
    [Range(1, 100_000_000)]
    public int AddressRequestsPerMinute { get; set; } = 6000;

    /// <summary>Dashboard session lifetime, minutes, sliding (default 480).</summary>
    [Range(1, 10_080)]
    public int SessionMinutes { get; set; } = 480;

    /// <summary>Every entry of <see cref="KeyLimits"/> is at least 1.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        KeyLimits.Where(l => l.Value < 1).Select(l => new ValidationResult($"access.keyLimits.{l.Key}: {l.Value} is not a number of requests per minute (1 or more)"));
}
