using System.Collections.Frozen;
using CarbonEdge.Estimation.Regions;

namespace CarbonEdge.Estimation.Factors;

/// <summary>
/// An immutable, validated set of versioned factors, with lookup by kind, subject, calibre, region and day.
/// Seeded from the embedded copy of the public reference data (<see cref="LoadEmbedded"/>); load and save as JSON
/// (<see cref="Load"/>, <see cref="Save"/>); revisions produce a new library (<see cref="With"/>).
/// </summary>
/// <remarks>
/// Lookup rules (<see cref="Find"/>): only the latest version of each id takes part. Regions are tried from the
/// most specific to the broadest: a GB/T 2260 county code <c>130102</c>, then its city <c>130100</c>, its province
/// <c>130000</c>, then <c>CN</c> (national), then <c>world</c>. The first region holding a factor valid on the day
/// wins; when no region has one, the newest factor that ended before the day is used (as the latest published),
/// most specific region first. Calibres are never substituted for one another. <see cref="FactorMatch.Caveats"/>
/// states every substitution.
/// </remarks>
public sealed class FactorLibrary
{
    /// <summary>Logical name of the embedded seed (a copy of <c>Factors/Data/factors.json</c>).</summary>
    public const string EmbeddedResourceName = "CarbonEdge.Estimation.factors.json";

    private static readonly FrozenSet<string> GridUnits = FrozenSet.Create("tCO2/MWh", "kgCO2/kWh");
    private static readonly FrozenSet<string> CoefficientUnits = FrozenSet.Create("kgce/kg", "kgce/m3", "kgce/kWh", "kgce/MJ");

    private readonly Factor[] _all;
    private readonly Factor[] _latest;

    /// <summary>Builds a library from every version of every factor.</summary>
    /// <exception cref="FactorLibraryException">A duplicate (id, version), a non-positive or non-finite value, a unit that does not fit the kind, or ValidFrom after ValidTo.</exception>
    public FactorLibrary(IEnumerable<Factor> factors)
    {
        _all = [.. factors];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _all.Length; i++)
        {
            Validate(_all[i], i);
            if (!seen.Add(_all[i].VersionId))
            {
                throw new FactorLibraryException($"factor #{i} ({_all[i].VersionId}): duplicate id and version");
            }
        }
        _latest = [.. _all.GroupBy(f => f.Id, StringComparer.Ordinal).Select(g => g.MaxBy(f => f.Version)!)];
    }

    /// <summary>Every version of every factor, in load order.</summary>
    public IReadOnlyList<Factor> All => _all;

    /// <summary>The latest version of every factor.</summary>
    public IReadOnlyList<Factor> Latest => _latest;

    /// <summary>The library seeded from the public reference data embedded in this assembly (MEE/NBS and ETS grid factors, GB/T 2589 coefficients, IPCC 2006 defaults, the unverified standard-coal CO2 factor).</summary>
    public static FactorLibrary LoadEmbedded()
    {
        using var stream = typeof(FactorLibrary).Assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new FactorLibraryException($"embedded resource {EmbeddedResourceName} missing from the build");
        return Load(stream, EmbeddedResourceName);
    }

    /// <summary>Reads a factor file (<c>carbonedge.factors.v1</c> JSON).</summary>
    /// <param name="utf8Json">The file's bytes; the caller opens and disposes it.</param>
    /// <param name="origin">Name used in error messages, e.g. the file path.</param>
    /// <exception cref="FactorLibraryException">Malformed JSON (with line and position), wrong schema, or an invalid factor.</exception>
    public static FactorLibrary Load(Stream utf8Json, string origin = "factors") =>
        new(FactorJson.Read(utf8Json, origin).Factors);

    /// <summary>Writes every version of every factor as a factor file, indented UTF-8 JSON.</summary>
    public void Save(Stream utf8Json, string? description = null) =>
        FactorJson.Write(utf8Json, new FactorFile(FactorJson.Schema, description, _all));

    /// <summary>A new library with <paramref name="factor"/> added (a new id, or a higher version of an existing id).</summary>
    /// <exception cref="FactorLibraryException">The id and version exist already, or the factor is invalid.</exception>
    public FactorLibrary With(Factor factor) => new([.. _all, factor]);

    /// <summary>The latest version of a factor id, or null.</summary>
    public Factor? Get(string id) => Array.Find(_latest, f => f.Id == id);

    /// <summary>Finds the factor to use for a day and region (rules in the remarks of <see cref="FactorLibrary"/>).</summary>
    /// <param name="kind">What the factor converts.</param>
    /// <param name="subject">What it applies to, e.g. <c>electricity</c>, <c>raw_coal</c>.</param>
    /// <param name="calibre">For grid factors, one of <see cref="GridCalibre"/>; null for other kinds.</param>
    /// <param name="region">GB/T 2260 code, regional grid id, <c>CN</c> or <c>world</c>.</param>
    /// <param name="day">The local day the result is for.</param>
    /// <returns>The match, or null when no region in the chain has a factor that started on or before the day.</returns>
    public FactorMatch? Find(FactorKind kind, string subject, string? calibre, string region, DateOnly day)
    {
        var chain = RegionChain(region);
        var found = chain.Select(r => Candidates(kind, subject, calibre, r).Where(f => f.IsValidOn(day)).MaxBy(f => f.ValidFrom ?? DateOnly.MinValue))
                        .FirstOrDefault(f => f is not null)
                    ?? chain.Select(r => Candidates(kind, subject, calibre, r).Where(f => f.ValidTo < day).MaxBy(f => f.ValidTo))
                        .FirstOrDefault(f => f is not null);
        if (found is null)
        {
            return null;
        }
        var subNational = _latest.Any(f => f.Kind == kind && f.Subject == subject && f.Calibre == calibre && f.Region is not ("CN" or "world"));
        return new FactorMatch(found, region, day) { RegionSubstituted = subNational && found.Region != region };
    }

    /// <summary>The grid emission factor (formula 2, EF_grid) of one calibre for a region and day.</summary>
    /// <exception cref="FactorNotFoundException">None of that calibre for the region, any broader region, up to the day.</exception>
    public FactorMatch ResolveGrid(string region, DateOnly day, string calibre = GridCalibre.EtsReporting) =>
        Find(FactorKind.GridEmission, "electricity", calibre, region, day)
        ?? throw new FactorNotFoundException($"no grid factor of calibre {calibre} for region {region} up to {day:yyyy-MM-dd}");

    /// <summary>Region lookup order: county -> city -> province (GB/T 2260), then <c>CN</c>, then <c>world</c>.</summary>
    public static IReadOnlyList<string> RegionChain(string region)
    {
        var chain = new List<string>(5) { region };
        if (RegionCode.TryParse(region, out var code))
        {
            foreach (var parent in code.Ancestors())
            {
                chain.Add(parent.Value);
            }
        }
        foreach (var broad in (ReadOnlySpan<string>)["CN", "world"])
        {
            if (!chain.Contains(broad))
            {
                chain.Add(broad);
            }
        }
        return chain;
    }

    private IEnumerable<Factor> Candidates(FactorKind kind, string subject, string? calibre, string region) =>
        _latest.Where(f => f.Kind == kind && f.Subject == subject && f.Calibre == calibre && f.Region == region);

    private static void Validate(Factor f, int index)
    {
        string? problem = null;
        if (string.IsNullOrWhiteSpace(f.Id) || string.IsNullOrWhiteSpace(f.Subject) || string.IsNullOrWhiteSpace(f.Region))
        {
            problem = "id, subject and region are required";
        }
        else if (f.Version < 1)
        {
            problem = "version must be 1 or more";
        }
        else if (!double.IsFinite(f.Value) || f.Value <= 0)
        {
            problem = $"value {f.Value} must be finite and positive";
        }
        else if (f.ValidFrom > f.ValidTo)
        {
            problem = $"validFrom {f.ValidFrom:yyyy-MM-dd} is after validTo {f.ValidTo:yyyy-MM-dd}";
        }
        else if (!UnitFits(f))
        {
            problem = $"unit {f.Unit} does not fit kind {WireName.Of(f.Kind)}";
        }
        else if ((f.Kind == FactorKind.GridEmission) != (f.Calibre is not null))
        {
            problem = "grid factors, and only they, name a calibre";
        }
        if (problem is not null)
        {
            throw new FactorLibraryException($"factor #{index} ({f.VersionId}): {problem}");
        }
    }

    private static bool UnitFits(Factor f) => f.Kind switch
    {
        FactorKind.GridEmission or FactorKind.EnterpriseElectricityCarbon => GridUnits.Contains(f.Unit),
        FactorKind.StandardCoalCoefficient => CoefficientUnits.Contains(f.Unit),
        FactorKind.StandardCoalCo2 => f.Unit == "tCO2/tce",
        FactorKind.FuelCo2Ipcc => f.Unit == "kgCO2/TJ",
        _ => false,
    };
}
