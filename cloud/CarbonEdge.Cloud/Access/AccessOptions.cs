using System.ComponentModel.DataAnnotations;

namespace CarbonEdge.Cloud.Access;

/// <summary>Sign-in and session settings (config section <c>access</c>).</summary>
internal sealed class AccessOptions
{
    /// <summary>Sign-in attempts one client address may make per minute before 429 (default 10).</summary>
    [Range(1, 100_000)]
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>Dashboard session lifetime, minutes, sliding (default 480).</summary>
    [Range(1, 10_080)]
    public int SessionMinutes { get; set; } = 480;
}
