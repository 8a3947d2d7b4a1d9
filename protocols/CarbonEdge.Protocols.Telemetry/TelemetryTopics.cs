using System.Buffers;

namespace CarbonEdge.Protocols.Telemetry;

/// <summary>
/// MQTT topics of telemetry contract v1 (DESIGN.md "Telemetry contract v1"):
/// <c>carbonedge/v1/{site}/{gateway}/telemetry|status|reply</c> and <c>.../cmd/{name}</c>.
/// Site, gateway and device ids match <c>[a-z0-9-]{1,64}</c>.
/// </summary>
public static class TelemetryTopics
{
    /// <summary>First two levels of every contract topic.</summary>
    public const string Prefix = "carbonedge/v1/";

    /// <summary>Filter for every gateway's telemetry: <c>carbonedge/v1/+/+/telemetry</c>.</summary>
    public const string AllTelemetry = Prefix + "+/+/telemetry";

    /// <summary>Filter for every gateway's status: <c>carbonedge/v1/+/+/status</c>.</summary>
    public const string AllStatus = Prefix + "+/+/status";

    private static readonly SearchValues<char> IdChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");

    /// <summary>True when <paramref name="id"/> is a valid site, gateway or device id (<c>[a-z0-9-]{1,64}</c>).</summary>
    public static bool IsValidId(ReadOnlySpan<char> id) =>
        id.Length is >= 1 and <= 64 && !id.ContainsAnyExcept(IdChars);

    /// <summary><c>carbonedge/v1/{site}/{gateway}/telemetry</c> (QoS 1, not retained).</summary>
    /// <exception cref="ArgumentException">An id is not <c>[a-z0-9-]{1,64}</c>.</exception>
    public static string Telemetry(string site, string gateway) => Build(site, gateway, "telemetry");

    /// <summary><c>carbonedge/v1/{site}/{gateway}/status</c> (QoS 1, retained; <c>offline</c> is the Last Will).</summary>
    /// <exception cref="ArgumentException">An id is not <c>[a-z0-9-]{1,64}</c>.</exception>
    public static string Status(string site, string gateway) => Build(site, gateway, "status");

    /// <summary><c>carbonedge/v1/{site}/{gateway}/reply</c> (QoS 1).</summary>
    /// <exception cref="ArgumentException">An id is not <c>[a-z0-9-]{1,64}</c>.</exception>
    public static string Reply(string site, string gateway) => Build(site, gateway, "reply");

    /// <summary><c>carbonedge/v1/{site}/{gateway}/cmd/{name}</c> (QoS 1); <paramref name="name"/> may be <c>+</c> for a filter.</summary>
    /// <exception cref="ArgumentException">An id or the command name is invalid.</exception>
    public static string Command(string site, string gateway, string name)
    {
        if (name != "+" && !IsValidId(name)) throw new ArgumentException($"Invalid command name '{name}'.", nameof(name));
        return Build(site, gateway, "cmd/" + name);
    }

    private static string Build(string site, string gateway, string leaf)
    {
        if (!IsValidId(site)) throw new ArgumentException($"Invalid site id '{site}': expected [a-z0-9-]{{1,64}}.", nameof(site));
        if (!IsValidId(gateway)) throw new ArgumentException($"Invalid gateway id '{gateway}': expected [a-z0-9-]{{1,64}}.", nameof(gateway));
        return $"{Prefix}{site}/{gateway}/{leaf}";
    }

    /// <summary>Parses a contract topic; false for any other topic (wrong prefix, bad id, unknown leaf).</summary>
    public static bool TryParse(string topic, out TopicAddress address)
    {
        address = default;
        if (!topic.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        string[] levels = topic[Prefix.Length..].Split('/');
        if (levels.Length < 3 || !IsValidId(levels[0]) || !IsValidId(levels[1])) return false;
        TopicKind? kind = (levels.Length, levels[2]) switch
        {
            (3, "telemetry") => TopicKind.Telemetry,
            (3, "status") => TopicKind.Status,
            (3, "reply") => TopicKind.Reply,
            (4, "cmd") when IsValidId(levels[3]) => TopicKind.Command,
            _ => null,
        };
        if (kind is null) return false;
        address = new TopicAddress(kind.Value, levels[0], levels[1], kind == TopicKind.Command ? levels[3] : null);
        return true;
    }
}

/// <summary>What a contract topic carries.</summary>
public enum TopicKind
{
    /// <summary>Batches of readings.</summary>
    Telemetry,
    /// <summary>Retained gateway status.</summary>
    Status,
    /// <summary>A command to the gateway.</summary>
    Command,
    /// <summary>The gateway's reply to a command.</summary>
    Reply,
}

/// <summary>A parsed contract topic.</summary>
/// <param name="Kind">Topic leaf.</param>
/// <param name="Site">Site id.</param>
/// <param name="Gateway">Gateway id.</param>
/// <param name="CommandName">For <see cref="TopicKind.Command"/>: the command name; otherwise null.</param>
public readonly record struct TopicAddress(TopicKind Kind, string Site, string Gateway, string? CommandName);
