using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Models;
using EstimationEnterprise = CarbonEdge.Estimation.Models.EnterpriseInfo;

namespace CarbonEdge.Cloud.Estimation;

/// <summary>
/// The factors the service estimates with and cites: the configured library (embedded seed or
/// <see cref="EstimationOptions.FactorsFile"/>), the factors written over the API (<see cref="RegistryStore.Factors"/>),
/// plus each enterprise's electricity-carbon factor (DESIGN.md formula 4)
/// derived from the verified annual figures in the registry, <c>enterprise.ID.YEAR@vN</c> with N the figures' revision.
/// </summary>
internal sealed class FactorCatalog(FactorLibrary library, RegistryStore registry)
{
    /// <summary>The library as the registry stands now.</summary>
    /// <exception cref="FactorLibraryException">A derived factor clashes with one in the configured library.</exception>
    public FactorLibrary Current()
    {
        var enterprises = registry.Enterprises().ToDictionary(e => e.Id);
        var derived = registry.Verified().Select(v =>
        {
            var e = enterprises[v.Enterprise];
            var factor = EnterpriseFactorModel.Derive(new EstimationEnterprise(e.Id, e.Region, e.Industry), v.Year, v.Tco2, v.Mwh,
                v.Document ?? $"verified annual figures {v.Year} in the registry");
            return factor with { Version = v.Revision };
        }).ToList();
        var written = registry.Factors();
        return derived.Count == 0 && written.Count == 0 ? library : new FactorLibrary([.. library.All, .. written, .. derived]);
    }
}
