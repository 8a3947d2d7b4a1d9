using System.Text;
using CarbonEdge.Estimation.Factors;

namespace CarbonEdge.Estimation.Tests.Factors;

public class FactorLibraryTests
{
    private static readonly FactorLibrary Library = FactorLibrary.LoadEmbedded();
    private static readonly DateOnly Mid2022 = new(2022, 6, 15);

    [Fact]
    public void The_ETS_reporting_factor_for_2022_is_0_5703_tCO2_per_MWh_with_its_source()
    {
        var match = Library.ResolveGrid("CN", Mid2022, GridCalibre.EtsReporting);

        Assert.Equal(0.5703, match.Factor.Value);
        Assert.Equal("tCO2/MWh", match.Factor.Unit);
        Assert.Equal("grid.ets_reporting.CN.2022@v1", match.Factor.VersionId);
        Assert.Equal(FactorStatus.Published, match.Factor.Status);
        Assert.Contains("生态环境部", match.Factor.Source.Document);
        Assert.Contains(match.Factor.Source.References, r => r.Url == "http://tanpaifang.com/tanguwen/2023/0215/94510.html");
        Assert.True(match.WithinValidity);
        Assert.Empty(match.Caveats());
    }

    [Fact]
    public void The_statistical_series_is_a_different_calibre_and_never_substitutes_for_the_ETS_factor()
    {
        // MEE/NBS 2022 national average 0.5366 kgCO2/kWh (= tCO2/MWh) vs ETS 2022 0.5703 tCO2/MWh.
        var statistical = Library.ResolveGrid("CN", Mid2022, GridCalibre.StatisticalAverage);
        Assert.Equal(0.5366, statistical.Factor.Value);
        Assert.Equal("kgCO2/kWh", statistical.Factor.Unit);
        Assert.Equal(0.5366, Units.TonnesCo2PerMwh(statistical.Factor));

        // No ETS factor exists before 2022: the lookup fails rather than falling back to the statistical 2021 value.
        Assert.Throws<FactorNotFoundException>(() => Library.ResolveGrid("CN", new DateOnly(2021, 6, 1), GridCalibre.EtsReporting));
        Assert.Equal(0.5568, Library.ResolveGrid("CN", new DateOnly(2021, 6, 1), GridCalibre.StatisticalAverage).Factor.Value);
    }

    [Theory]
    [InlineData("130102", "2022-06-15", "130000", 0.7252)]        // Hebei county -> Hebei provincial 2022
    [InlineData("530000", "2022-12-31", "530000", 0.1073)]        // Yunnan provincial 2022
    [InlineData("440300", "2022-06-15", "CN", 0.5366)]            // Shenzhen: Guangdong not in the partial table -> national
    [InlineData("130102", "2023-03-01", "CN", 0.5306)]            // 2023 has no Hebei value: national 2023 beats stale province 2022
    [InlineData("grid-north", "2023-03-01", "grid-north", 0.6361)] // regional grid by its id
    [InlineData("CN", "2026-11-22", "CN", 0.5306)]                // after the newest publication: newest earlier (2023)
    public void Statistical_factors_resolve_from_the_most_specific_region_valid_on_the_day(
        string region, string day, string expectedRegion, double expected)
    {
        var match = Library.ResolveGrid(region, DateOnly.Parse(day), GridCalibre.StatisticalAverage);

        Assert.Equal(expected, match.Factor.Value);
        Assert.Equal(expectedRegion, match.Factor.Region);
        Assert.Equal(region != expectedRegion, match.RegionSubstituted);
    }

    [Fact]
    public void A_factor_used_after_its_validity_says_so()
    {
        var match = Library.ResolveGrid("CN", new DateOnly(2026, 11, 22), GridCalibre.EtsReporting);

        Assert.Equal(0.5703, match.Factor.Value);
        Assert.False(match.WithinValidity);
        Assert.Contains(match.Caveats(), c => c.Contains("valid 2022-01-01..2022-12-31; used for later days"));
    }

    [Fact]
    public void The_standard_coal_CO2_factor_carries_its_not_verified_status()
    {
        var match = Library.Find(FactorKind.StandardCoalCo2, "standard_coal", null, "CN", Mid2022);

        Assert.NotNull(match);
        Assert.Equal(2.66, match.Factor.Value);
        Assert.Equal("tCO2/tce", match.Factor.Unit);
        Assert.Equal(FactorStatus.NotVerified, match.Factor.Status);
        Assert.Contains(match.Caveats(), c => c.Contains("not_verified") && c.Contains("NOT VERIFIED"));
    }

    [Theory]
    [InlineData("raw_coal", 0.7143, "kgce/kg")]     // GB/T 2589 Annex A: 20 908 kJ/kg / 29 307 kJ/kgce
    [InlineData("diesel", 1.4571, "kgce/kg")]
    [InlineData("natural_gas", 1.2143, "kgce/m3")]  // gas-field natural gas
    [InlineData("electricity", 0.1229, "kgce/kWh")] // equivalent value, 3 600 kJ/kWh
    public void Standard_coal_coefficients_are_the_published_table(string kind, double value, string unit)
    {
        var match = Library.Find(FactorKind.StandardCoalCoefficient, kind, null, "130102", Mid2022);

        Assert.NotNull(match);
        Assert.Equal(value, match.Factor.Value);
        Assert.Equal(unit, match.Factor.Unit);
        Assert.Contains("Annex A", match.Factor.Source.Clause);
    }

    [Fact]
    public void Save_then_load_gives_the_same_library()
    {
        using var first = new MemoryStream();
        Library.Save(first);
        var reloaded = FactorLibrary.Load(new MemoryStream(first.ToArray()));
        using var second = new MemoryStream();
        reloaded.Save(second);

        Assert.Equal(Library.All.Count, reloaded.All.Count);
        Assert.Equal(Encoding.UTF8.GetString(first.ToArray()), Encoding.UTF8.GetString(second.ToArray()));
        Assert.Equal(0.5703, reloaded.ResolveGrid("CN", Mid2022).Factor.Value);
    }

    [Fact]
    public void A_revision_supersedes_the_earlier_version_and_results_name_it()
    {
        var v1 = Library.Get("grid.ets_reporting.CN.2022")!;
        var revised = Library.With(v1 with { Version = 2, Value = 0.5810, Note = "test revision" });

        var match = revised.ResolveGrid("CN", Mid2022);

        Assert.Equal("grid.ets_reporting.CN.2022@v2", match.Factor.VersionId);
        Assert.Equal(0.5810, match.Factor.Value);
        Assert.Equal(Library.All.Count + 1, revised.All.Count);
    }

    [Fact]
    public void A_duplicate_version_or_a_bad_unit_is_rejected()
    {
        var v1 = Library.Get("grid.ets_reporting.CN.2022")!;

        var duplicate = Assert.Throws<FactorLibraryException>(() => Library.With(v1));
        Assert.Contains("duplicate", duplicate.Message);
        var badUnit = Assert.Throws<FactorLibraryException>(() => Library.With(v1 with { Version = 3, Unit = "kgce/kg" }));
        Assert.Contains("unit kgce/kg", badUnit.Message);
    }

    [Fact]
    public void Malformed_JSON_is_reported_with_its_line()
    {
        var json = "{\n \"schema\": \"carbonedge.factors.v1\",\n \"factors\": [ { \"id\": , } ]\n}";

        var error = Assert.Throws<FactorLibraryException>(() => FactorLibrary.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "my-factors.json"));

        Assert.StartsWith("my-factors.json: line 3", error.Message);
    }
}
