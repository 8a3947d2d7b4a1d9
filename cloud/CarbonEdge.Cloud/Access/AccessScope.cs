using System.Diagnostics.CodeAnalysis;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation.Regions;
using CarbonEdge.Protocols.Telemetry;

namespace CarbonEdge.Cloud.Access;

/// <summary>
/// What a regulator or enterprise principal may see: regions (GB/T 2260 codes; a province, city or county covers itself
/// and everything below it) and enterprises. Written <c>region:CODE</c> or <c>enterprise:ID</c>, comma-separated.
/// Admins need no scope; the public role has none (annual disclosure figures of every enterprise and region).
/// </summary>
internal sealed record AccessScope(IReadOnlyList<RegionCode> Regions, IReadOnlyList<string> Enterprises)
{
    /// <summary>No regions, no enterprises.</summary>
    public static readonly AccessScope None = new([], []);

    /// <summary>
    /// Parses a scope for <paramref name="role"/>: regulators need at least one <c>region:CODE</c> and nothing else,
    /// enterprise principals at least one <c>enterprise:ID</c> and nothing else, admin and public none.
    /// </summary>
    public static bool TryParse(string role, string? text, [NotNullWhen(true)] out AccessScope? scope, [NotNullWhen(false)] out string? error)
    {
        scope = null;
        var regions = new List<RegionCode>();
        var enterprises = new List<string>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string value = part[(part.IndexOf(':', StringComparison.Ordinal) + 1)..];
            if (part.StartsWith("region:", StringComparison.Ordinal) && RegionCode.TryParse(value, out var code))
                regions.Add(code);
            else if (part.StartsWith("enterprise:", StringComparison.Ordinal) && TelemetryTopics.IsValidId(value))
                enterprises.Add(value);
            else
            {
                error = $"scope '{part}' is not region:CODE (six-digit GB/T 2260 code) or enterprise:ID ([a-z0-9-]{{1,64}})";
                return false;
            }
        }
        error = role switch
        {
            Roles.Admin or Roles.Public when regions.Count + enterprises.Count > 0 => $"the {role} role takes no scope",
            Roles.Regulator when regions.Count == 0 || enterprises.Count > 0 => "the regulator role needs a scope of region:CODE entries only (e.g. region:320500)",
            Roles.Enterprise when enterprises.Count == 0 || regions.Count > 0 => "the enterprise role needs a scope of enterprise:ID entries only (e.g. enterprise:ent-1)",
            _ when !Roles.All.Contains(role) => $"unknown role '{role}' (use {string.Join(", ", Roles.All)})",
            _ => null,
        };
        if (error is not null) return false;
        scope = new AccessScope(regions, enterprises);
        return true;
    }

    /// <summary>True when a region of the scope is <paramref name="code"/> or one of its ancestors.</summary>
    public bool CoversRegion(RegionCode code) => code.Ancestors().Prepend(code).Any(Regions.Contains);

    /// <summary>True when the enterprise is named in the scope or lies in one of its regions.</summary>
    public bool CoversEnterprise(EnterpriseInfo enterprise) =>
        Enterprises.Contains(enterprise.Id) || (RegionCode.TryParse(enterprise.Region, out var code) && CoversRegion(code));

    /// <inheritdoc/>
    public override string ToString() =>
        string.Join(',', Regions.Select(r => "region:" + r.Value).Concat(Enterprises.Select(e => "enterprise:" + e)));
}
