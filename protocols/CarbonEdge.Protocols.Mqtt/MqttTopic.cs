namespace CarbonEdge.Protocols.Mqtt;

/// <summary>Topic names, topic filters and matching between them.</summary>
/// <remarks>
/// MQTT 3.1.1 §4.7 and MQTT 5.0 §4.7: levels separated by <c>/</c>; <c>+</c> matches exactly one level; <c>#</c>, last and
/// alone in its level, matches the parent level and any number of children; a filter starting with a wildcard does
/// not match topics starting with <c>$</c> (§4.7.2). MQTT 5.0 §4.8.2: <c>$share/{ShareName}/{filter}</c> is a shared
/// subscription; matching uses the inner filter.
/// </remarks>
public static class MqttTopic
{
    private const string SharePrefix = "$share/";

    /// <summary>A topic name a PUBLISH may carry: at least one character, no <c>+</c> or <c>#</c>, no U+0000.</summary>
    public static bool IsValidTopicName(string topic) =>
        topic.Length > 0 && topic.AsSpan().IndexOfAny('+', '#', '\0') < 0 && HasNoLoneSurrogate(topic);

    /// <summary>A topic filter a SUBSCRIBE may carry (wildcards in whole levels, <c>#</c> last; shared form allowed).</summary>
    public static bool IsValidTopicFilter(string filter)
    {
        var span = filter.AsSpan();
        if (TryParseShared(filter, out _, out string inner))
        {
            span = inner.AsSpan();
        }
        else if (filter.StartsWith(SharePrefix, StringComparison.Ordinal))
        {
            return false;
        }
        if (span.IsEmpty || span.Contains('\0') || !HasNoLoneSurrogate(filter)) return false;
        while (true)
        {
            int slash = span.IndexOf('/');
            var level = slash < 0 ? span : span[..slash];
            if (level.Length > 1 && level.IndexOfAny('+', '#') >= 0) return false;
            if (level is "#" && slash >= 0) return false;
            if (slash < 0) return true;
            span = span[(slash + 1)..];
        }
    }

    /// <summary>
    /// Splits a shared subscription <c>$share/{group}/{filter}</c>. The group is at least one character without
    /// <c>/</c>, <c>+</c> or <c>#</c> (MQTT 5.0 §4.8.2).
    /// </summary>
    public static bool TryParseShared(string filter, out string group, out string innerFilter)
    {
        group = "";
        innerFilter = filter;
        if (!filter.StartsWith(SharePrefix, StringComparison.Ordinal)) return false;
        var rest = filter.AsSpan(SharePrefix.Length);
        int slash = rest.IndexOf('/');
        if (slash <= 0 || rest[..slash].IndexOfAny('+', '#') >= 0 || slash == rest.Length - 1) return false;
        group = rest[..slash].ToString();
        innerFilter = rest[(slash + 1)..].ToString();
        return true;
    }

    /// <summary>Whether a message published on <paramref name="topic"/> is delivered to a subscription with <paramref name="filter"/>.</summary>
    public static bool Matches(string filter, string topic)
    {
        var f = filter.AsSpan();
        if (TryParseShared(filter, out _, out string inner)) f = inner.AsSpan();
        var t = topic.AsSpan();
        if (t.StartsWith("$") && (f.StartsWith("+") || f.StartsWith("#"))) return false;
        while (true)
        {
            int fSlash = f.IndexOf('/');
            var fLevel = fSlash < 0 ? f : f[..fSlash];
            if (fLevel is "#") return true;
            int tSlash = t.IndexOf('/');
            var tLevel = tSlash < 0 ? t : t[..tSlash];
            if (fLevel is not "+" && !fLevel.SequenceEqual(tLevel)) return false;
            if (fSlash < 0) return tSlash < 0;
            if (tSlash < 0) return f[(fSlash + 1)..] is "#";
            f = f[(fSlash + 1)..];
            t = t[(tSlash + 1)..];
        }
    }

    private static bool HasNoLoneSurrogate(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else if (char.IsSurrogate(c)) return false;
        }
        return true;
    }
}
