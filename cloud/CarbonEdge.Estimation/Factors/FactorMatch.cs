namespace CarbonEdge.Estimation.Factors;

/// <summary>The factor a lookup chose, and how closely it fits the request.</summary>
/// <param name="Factor">The chosen factor (its latest version).</param>
/// <param name="RequestedRegion">The region asked for (GB/T 2260 code, regional grid or <c>CN</c>).</param>
/// <param name="Day">The day asked for.</param>
public sealed record FactorMatch(Factor Factor, string RequestedRegion, DateOnly Day)
{
    /// <summary>False when no factor of the kind is valid on <see cref="Day"/> and the newest earlier one was used.</summary>
    public bool WithinValidity => Factor.IsValidOn(Day);

    /// <summary>
    /// True when the library holds factors of this kind for regions below the national level but none for the region
    /// asked for, so a broader one was used (e.g. the national statistical factor for a province not in the table).
    /// Factors published only nationally (the ETS factor, GB/T 2589 coefficients) are not substitutes. Set by <see cref="FactorLibrary.Find"/>.
    /// </summary>
    public bool RegionSubstituted { get; init; }

    /// <summary>The caveats of this match, one sentence each: validity, region, verification status. Empty for an exact, published match.</summary>
    public IReadOnlyList<string> Caveats()
    {
        var caveats = new List<string>(3);
        if (!WithinValidity)
        {
            caveats.Add($"{Factor.VersionId} is valid {Describe(Factor.ValidFrom)}..{Describe(Factor.ValidTo)}; used for later days as the newest published");
        }
        if (RegionSubstituted)
        {
            caveats.Add($"{Factor.VersionId} is for region {Factor.Region} ({Factor.RegionName}); none for {RequestedRegion}");
        }
        if (Factor.Status is FactorStatus.NotVerified or FactorStatus.Secondary)
        {
            caveats.Add($"{Factor.VersionId} status {WireName.Of(Factor.Status)}: {Factor.Note ?? "see its source"}");
        }
        return caveats;
    }

    /// <summary>The <see cref="Caveats"/> as <see cref="EstimationEventKind.FactorCaveat"/> events, for a result's event list.</summary>
    public IEnumerable<EstimationEvent> CaveatEvents() =>
        Caveats().Select(c => new EstimationEvent(EstimationEventKind.FactorCaveat, Factor.VersionId, null, c));

    private static string Describe(DateOnly? d) => d?.ToString("yyyy-MM-dd") ?? "open";
}
