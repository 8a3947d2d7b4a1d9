using System.Globalization;

namespace CarbonEdge.Protocols.Hj212.Segment;

/// <summary>The fields one pollutant (or parameter) code carries in a CP: <c>code-field=value</c> items.</summary>
/// <param name="Code">The pollutant code (e.g. <c>a05001</c>, Table B.2).</param>
/// <param name="Fields">Field name (<c>Rtd</c>, <c>Avg</c>, <c>Min</c>, <c>Max</c>, <c>Cou</c>, <c>Flag</c>, <c>ZsRtd</c>, <c>SampleTime</c>, ...) to its text, in order of appearance.</param>
/// <remarks>HJ 212-2017 §6.3.2 and Table 6 (data field names).</remarks>
public sealed record Hj212PollutantValues(string Code, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    /// <summary>The text of <paramref name="field"/>, or null.</summary>
    public string? this[string field]
    {
        get
        {
            foreach (var (key, value) in Fields)
            {
                if (key == field) return value;
            }
            return null;
        }
    }

    /// <summary>The number in <paramref name="field"/> (invariant culture); false when absent, empty or not a number.</summary>
    public bool TryGetNumber(string field, out double value)
    {
        value = 0;
        return this[field] is { Length: > 0 } text
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>The data flag (<c>-Flag</c>), or null when the unit sent none.</summary>
    public char? Flag => this["Flag"] is { Length: 1 } flag ? flag[0] : null;
}
