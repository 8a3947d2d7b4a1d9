namespace CarbonEdge.Protocols.Hj212.Segment;

/// <summary>
/// The command parameters (CP) of a packet: groups separated by <c>;</c>, items by <c>,</c>, each item
/// <c>key=value</c>; a key with a <c>-</c> is <c>code-field</c> of a pollutant, other keys (DataTime, QnRtn, ExeRtn,
/// SystemTime, PolId, ...) are parameters.
/// </summary>
/// <remarks>HJ 212-2017 §6.3.2 and §6.3.4 (CP syntax), Table 6 (field names).</remarks>
/// <param name="DataTime">The <c>DataTime</c> (station local time), null when absent.</param>
/// <param name="Parameters">Keys without a <c>-</c>, except DataTime, in order.</param>
/// <param name="Pollutants">Pollutant codes in order of first appearance, each with its fields (items of one code in several groups are merged).</param>
public sealed record Hj212Cp(DateTime? DataTime, IReadOnlyList<KeyValuePair<string, string>> Parameters, IReadOnlyList<Hj212PollutantValues> Pollutants)
{
    /// <summary>An empty CP (<c>CP=&amp;&amp;&amp;&amp;</c>).</summary>
    public static readonly Hj212Cp Empty = new(null, [], []);

    /// <summary>The text of parameter <paramref name="key"/>, or null.</summary>
    public string? Parameter(string key) => Parameters.FirstOrDefault(p => p.Key == key).Value;

    /// <summary>Parses the text between <c>CP=&amp;&amp;</c> and <c>&amp;&amp;</c>. Never throws on wire data.</summary>
    /// <param name="cp">The CP text.</param>
    /// <param name="result">The parameters, when true.</param>
    /// <param name="detail">Why not, when false.</param>
    public static bool TryParse(string cp, out Hj212Cp? result, out string? detail)
    {
        result = null;
        DateTime? dataTime = null;
        var parameters = new List<KeyValuePair<string, string>>();
        var order = new List<string>();
        var fields = new Dictionary<string, List<KeyValuePair<string, string>>>(StringComparer.Ordinal);
        foreach (var group in cp.Split(';'))
        {
            if (group.Length == 0) continue;
            foreach (var item in group.Split(','))
            {
                int eq = item.IndexOf('=');
                if (eq <= 0)
                {
                    detail = $"CP item '{item}' is not key=value";
                    return false;
                }
                string key = item[..eq], value = item[(eq + 1)..];
                int dash = key.IndexOf('-');
                if (dash < 0 && key == "DataTime")
                {
                    if (!Hj212Time.TryParse(value, out var time) || (dataTime is { } seen && seen != time))
                    {
                        detail = $"DataTime '{value}' is not YYYYMMDDhhmmss" + (dataTime is null ? "" : " or differs from the one before");
                        return false;
                    }
                    dataTime = time;
                }
                else if (dash < 0)
                {
                    parameters.Add(new(key, value));
                }
                else if (dash == 0 || dash == key.Length - 1)
                {
                    detail = $"CP key '{key}' is not code-field";
                    return false;
                }
                else
                {
                    string code = key[..dash];
                    if (!fields.TryGetValue(code, out var list))
                    {
                        fields[code] = list = [];
                        order.Add(code);
                    }
                    list.Add(new(key[(dash + 1)..], value));
                }
            }
        }
        result = new Hj212Cp(dataTime, parameters, order.Select(c => new Hj212PollutantValues(c, fields[c])).ToList());
        detail = null;
        return true;
    }

    /// <summary>The CP text: DataTime first (its own group), then the parameters (one group), then one group per pollutant.</summary>
    public string Format()
    {
        var groups = new List<string>();
        if (DataTime is { } time) groups.Add("DataTime=" + Hj212Time.Format(time));
        if (Parameters.Count > 0) groups.Add(string.Join(',', Parameters.Select(p => $"{p.Key}={p.Value}")));
        foreach (var pollutant in Pollutants)
        {
            groups.Add(string.Join(',', pollutant.Fields.Select(f => $"{pollutant.Code}-{f.Key}={f.Value}")));
        }
        return string.Join(';', groups);
    }
}
