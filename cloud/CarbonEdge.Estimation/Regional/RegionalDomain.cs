using System.Text.Json.Serialization;

namespace CarbonEdge.Estimation.Regional;

/// <summary>
/// The accounting domains of T/CES carbon statistics §5 (碳排放统计与碳核算技术规范): the energy domain (power and heat
/// supply with electricity brought in, §5.2–5.4, §5.12–5.13), the industrial domain (§5.5–5.7, §5.14–5.15) and the
/// other domains (§5.8–5.11, §5.16–5.19: buildings, transport, agriculture, households). Wire names are the
/// <c>domain</c> column of the statistics and electricity files.
/// </summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<RegionalDomain>))]
public enum RegionalDomain
{
    /// <summary><c>energy</c>: power and heat production and supply (GB/T 4754 division 44) plus electricity brought in.</summary>
    Energy,
    /// <summary><c>industry</c>: mining, manufacturing, water and gas supply (GB/T 4754 divisions 06–43, 45–46).</summary>
    Industry,
    /// <summary><c>building</c>: construction and the services' buildings (GB/T 4754 divisions 47–52, 61–97).</summary>
    Building,
    /// <summary><c>transport</c>: transport, storage and post (GB/T 4754 divisions 53–60).</summary>
    Transport,
    /// <summary><c>agriculture</c>: agriculture, forestry, animal husbandry, fishery (GB/T 4754 divisions 01–05).</summary>
    Agriculture,
    /// <summary><c>household</c>: residents' living (no enterprises).</summary>
    Household,
}

/// <summary>Parsing and classification of <see cref="RegionalDomain"/>.</summary>
public static class RegionalDomains
{
    /// <summary>All domains in accounting order.</summary>
    public static IReadOnlyList<RegionalDomain> All { get; } = Enum.GetValues<RegionalDomain>();

    /// <summary>Parses a wire name (<c>energy</c>, <c>industry</c>, <c>building</c>, <c>transport</c>, <c>agriculture</c>, <c>household</c>).</summary>
    public static bool TryParse(string? text, out RegionalDomain domain)
    {
        foreach (var d in All)
        {
            if (WireName.Of(d) == text)
            {
                domain = d;
                return true;
            }
        }
        domain = default;
        return false;
    }

    /// <summary>True for the "other" domains, whose shorter periods are always shares of the longer ones (§5.9–5.11, §5.17–5.19).</summary>
    public static bool IsOther(this RegionalDomain domain) => domain is not (RegionalDomain.Energy or RegionalDomain.Industry);

    /// <summary>
    /// The domain of an enterprise from its GB/T 4754-2017 industry code (two-digit division first): 01–05 agriculture,
    /// 44 energy, 06–46 otherwise industry, 53–60 transport, everything else building. Null when the code has no division.
    /// </summary>
    public static RegionalDomain? OfIndustry(string industry)
    {
        if (industry.Length < 2 || !char.IsAsciiDigit(industry[0]) || !char.IsAsciiDigit(industry[1]))
        {
            return null;
        }
        var division = (industry[0] - '0') * 10 + (industry[1] - '0');
        return division switch
        {
            >= 1 and <= 5 => RegionalDomain.Agriculture,
            44 => RegionalDomain.Energy,
            >= 6 and <= 46 => RegionalDomain.Industry,
            >= 53 and <= 60 => RegionalDomain.Transport,
            _ => RegionalDomain.Building,
        };
    }
}
