using System.Buffers;
using System.Text;

namespace CarbonEdge.Cloud.Influx;

/// <summary>
/// Formats <see cref="LinePoint"/>s as InfluxDB line protocol in UTF-8 (InfluxDB 1.x "Line protocol reference"; the same
/// syntax 2.x and 3.x accept): <c>measurement,tag=v field=1.5,text="s" 1700000000000</c>. Escaping: commas and
/// spaces in measurements; commas, equals signs and spaces in tag keys, tag values and field keys; double quotes
/// and backslashes in string field values. Newlines cannot be represented and are refused. Tags are written sorted by
/// key; tags already in that order (as <c>reading</c> points are built) are not sorted again.
/// </summary>
internal static class LineProtocol
{
    private static readonly Specials MeasurementSpecials = new(", \n\r");
    private static readonly Specials NameSpecials = new(",= \n\r");
    private static readonly Specials StringSpecials = new("\"\\");

    /// <summary>Characters to escape (ASCII), as a set for long or non-ASCII text and a table for the short ASCII names and ids of most points.</summary>
    private sealed class Specials(string chars)
    {
        public SearchValues<char> Set { get; } = SearchValues.Create(chars);

        public bool[] Ascii { get; } = Enumerable.Range(0, 128).Select(c => chars.Contains((char)c, StringComparison.Ordinal)).ToArray();
    }

    /// <summary>Appends one point and a trailing newline to <paramref name="body"/>.</summary>
    /// <exception cref="ArgumentException">No fields, a newline in a name or tag, a non-finite float, or an unsupported field type.</exception>
    public static void Append(Utf8Body body, LinePoint point)
    {
        if (point.Fields.Count == 0) throw new ArgumentException($"Point of '{point.Measurement}' has no fields.");
        Escape(body, point.Measurement, MeasurementSpecials);
        var tags = SortedTags(point.Tags);
        for (int i = 0; i < tags.Count; i++)
        {
            var (key, value) = tags[i];
            if (value.Length == 0) continue;
            body.Append((byte)',');
            Escape(body, key, NameSpecials);
            body.Append((byte)'=');
            Escape(body, value, NameSpecials);
        }
        body.Append((byte)' ');
        for (int i = 0; i < point.Fields.Count; i++)
        {
            var (key, value) = point.Fields[i];
            if (i > 0) body.Append((byte)',');
            Escape(body, key, NameSpecials);
            body.Append((byte)'=');
            AppendFieldValue(body, key, value);
        }
        body.Append((byte)' ');
        body.AppendFormatted(point.TimestampMs);
        body.Append((byte)'\n');
    }

    /// <summary>Formats a list of points, one per line, into a UTF-8 body the caller disposes.</summary>
    /// <exception cref="ArgumentException">As <see cref="Append"/>.</exception>
    public static Utf8Body Encode(IReadOnlyList<LinePoint> points)
    {
        var body = new Utf8Body(points.Count * 160);
        try
        {
            for (int i = 0; i < points.Count; i++) Append(body, points[i]);
            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <summary>Formats a list of points, one per line, as text.</summary>
    public static string Format(IEnumerable<LinePoint> points)
    {
        using var body = Encode(points as IReadOnlyList<LinePoint> ?? points.ToList());
        return Encoding.UTF8.GetString(body.Memory.Span);
    }

    private static IReadOnlyList<KeyValuePair<string, string>> SortedTags(IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        for (int i = 1; i < tags.Count; i++)
        {
            if (string.CompareOrdinal(tags[i - 1].Key, tags[i].Key) > 0) return tags.OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        }
        return tags;
    }

    private static void AppendFieldValue(Utf8Body body, string key, object value)
    {
        switch (value)
        {
            case double d when !double.IsFinite(d):
                throw new ArgumentException($"Field '{key}' is {d}: line protocol has no NaN or infinity.");
            case double d:
                body.AppendFormatted(d, "R");
                break;
            case long l:
                body.AppendFormatted(l);
                body.Append((byte)'i');
                break;
            case int i:
                body.AppendFormatted(i);
                body.Append((byte)'i');
                break;
            case bool b:
                body.Append(b ? "true"u8 : "false"u8);
                break;
            case string s:
                body.Append((byte)'"');
                EscapeRuns(body, s, StringSpecials);
                body.Append((byte)'"');
                break;
            default:
                throw new ArgumentException($"Field '{key}' has unsupported type {value.GetType().Name}.");
        }
    }

    /// <summary>A name or tag value; <paramref name="specials"/> include the newlines, which are refused.</summary>
    private static void Escape(Utf8Body body, string text, Specials specials)
    {
        if (text.Length == 0) throw new ArgumentException("Empty measurement, tag key or field key.");
        EscapeRuns(body, text, specials);
    }

    /// <summary>Writes <paramref name="text"/> with a backslash before each of <paramref name="specials"/> (all ASCII, so runs between them stay whole UTF-8).</summary>
    private static void EscapeRuns(Utf8Body body, string text, Specials specials)
    {
        if (text.Length <= 64 && TryEscapeAscii(body, text, specials)) return;
        var rest = text.AsSpan();
        int next;
        while ((next = rest.IndexOfAny(specials.Set)) >= 0)
        {
            if (rest[next] is '\n' or '\r') throw new ArgumentException($"'{text}' contains a newline, which line protocol cannot carry.");
            body.AppendUtf8(rest[..next]);
            body.Append((byte)'\\');
            body.Append((byte)rest[next]);
            rest = rest[(next + 1)..];
        }
        body.AppendUtf8(rest);
    }

    /// <summary>One pass over short ASCII text, the names and ids of most points; false, having written nothing, at the first other character.</summary>
    private static bool TryEscapeAscii(Utf8Body body, string text, Specials specials)
    {
        var ascii = specials.Ascii;
        var free = body.GetSpan(text.Length * 2);
        int written = 0;
        foreach (char c in text)
        {
            if (c >= 128) return false;
            if (ascii[c])
            {
                if (c is '\n' or '\r') throw new ArgumentException($"'{text}' contains a newline, which line protocol cannot carry.");
                free[written++] = (byte)'\\';
            }
            free[written++] = (byte)c;
        }
        body.Advance(written);
        return true;
    }
}
