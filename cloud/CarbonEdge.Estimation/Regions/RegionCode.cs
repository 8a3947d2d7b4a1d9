using System.Diagnostics.CodeAnalysis;

namespace CarbonEdge.Estimation.Regions;

/// <summary>Administrative level of a GB/T 2260 code.</summary>
public enum RegionLevel
{
    /// <summary>Province-level division, code <c>xx0000</c>.</summary>
    Province,
    /// <summary>Prefecture-level city, code <c>xxxx00</c>.</summary>
    City,
    /// <summary>County-level division, code <c>xxxxxx</c> (last two digits not 00).</summary>
    County,
}

/// <summary>
/// A six-digit administrative division code (GB/T 2260, 中华人民共和国行政区划代码): digits 1–2 province,
/// 3–4 city, 5–6 county; a level's trailing digits are zero.
/// </summary>
public readonly record struct RegionCode
{
    private RegionCode(string value) => Value = value;

    /// <summary>The six digits.</summary>
    public string Value { get; }

    /// <summary>Province, city or county, from the trailing zeros.</summary>
    public RegionLevel Level => Value.AsSpan(2) is "0000" ? RegionLevel.Province
        : Value.AsSpan(4) is "00" ? RegionLevel.City : RegionLevel.County;

    /// <summary>The province this code belongs to (itself for a province).</summary>
    public RegionCode Province => new(string.Concat(Value.AsSpan(0, 2), "0000"));

    /// <summary>The city a county belongs to; a city or province returns itself.</summary>
    public RegionCode City => Level == RegionLevel.County ? new(string.Concat(Value.AsSpan(0, 4), "00")) : this;

    /// <summary>Parses six ASCII digits whose province part is not 00.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out RegionCode code)
    {
        code = default;
        if (text is not { Length: 6 } || !text.All(char.IsAsciiDigit) || text.StartsWith("00", StringComparison.Ordinal))
        {
            return false;
        }
        code = new RegionCode(text);
        return true;
    }

    /// <summary>Parses a code or throws.</summary>
    /// <exception cref="FormatException">Not six digits with a non-zero province part.</exception>
    public static RegionCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not a GB/T 2260 six-digit region code");

    /// <summary>The enclosing divisions, nearest first: a county gives its city then province; a city its province.</summary>
    public IEnumerable<RegionCode> Ancestors()
    {
        if (Level == RegionLevel.County)
        {
            yield return City;
        }
        if (Level != RegionLevel.Province)
        {
            yield return Province;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}
