using System.Globalization;
using System.Text;

namespace CarbonEdge.Cloud.Influx;

/// <summary>
/// Formats <see cref="LinePoint"/>s as InfluxDB line protocol (InfluxDB 1.x "Line protocol reference"; the same
/// syntax 2.x and 3.x accept): <c>measurement,tag=v field=1.5,text="s" 1700000000000</c>. Escaping: commas and
/// spaces in measurements; commas, equals signs and spaces in tag keys, tag values and field keys; double quotes
/// and backslashes in string field values. Newlines cannot be represented and are refused.
/// </summary>
internal static class LineProtocol
{
    /// <summary>Appends one point and a trailing newline.</summary>
    /// <exception cref="ArgumentException">No fields, a newline in a name or tag, a non-finite float, or an unsupported field type.</exception>
    public static void Append(StringBuilder builder, LinePoint point)
    {
        if (point.Fields.Count == 0) throw new ArgumentException($"Point of '{point.Measurement}' has no fields.");
        Escape(builder, point.Measurement, measurement: true);
        foreach (var (key, value) in point.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (value.Length == 0) continue;
            builder.Append(',');
            Escape(builder, key, measurement: false);
            builder.Append('=');
            Escape(builder, value, measurement: false);
        }
        builder.Append(' ');
        bool first = true;
        foreach (var (key, value) in point.Fields)
        {
            if (!first) builder.Append(',');
            first = false;
            Escape(builder, key, measurement: false);
            builder.Append('=');
            AppendFieldValue(builder, key, value);
        }
        builder.Append(' ').Append(point.TimestampMs.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    /// <summary>Formats a list of points, one per line.</summary>
    public static string Format(IEnumerable<LinePoint> points)
    {
        var builder = new StringBuilder();
        foreach (var point in points) Append(builder, point);
        return builder.ToString();
    }

    private static void AppendFieldValue(StringBuilder builder, string key, object value)
    {
        switch (value)
        {
            case double d when !double.IsFinite(d):
                throw new ArgumentException($"Field '{key}' is {d}: line protocol has no NaN or infinity.");
            case double d:
                builder.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case long l:
                builder.Append(l.ToString(CultureInfo.InvariantCulture)).Append('i');
                break;
            case int i:
                builder.Append(i.ToString(CultureInfo.InvariantCulture)).Append('i');
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case string s:
                builder.Append('"');
                foreach (char c in s)
                {
                    if (c is '"' or '\\') builder.Append('\\');
                    builder.Append(c);
                }
                builder.Append('"');
                break;
            default:
                throw new ArgumentException($"Field '{key}' has unsupported type {value.GetType().Name}.");
        }
    }

    private static void Escape(StringBuilder builder, string text, bool measurement)
    {
        if (text.Length == 0) throw new ArgumentException("Empty measurement, tag key or field key.");
        foreach (char c in text)
        {
            if (c is '\n' or '\r') throw new ArgumentException($"'{text}' contains a newline, which line protocol cannot carry.");
            if (c is ',' or ' ' || (!measurement && c == '=')) builder.Append('\\');
            builder.Append(c);
        }
    }
}
