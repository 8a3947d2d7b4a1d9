using System.Text.RegularExpressions;
using CarbonEdge.Cloud.Access;
using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Regions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CarbonEdge.Cloud.Api;

/// <summary>
/// <c>POST /api/v1/factors</c> (admins): a factor written into the library the service estimates with (DESIGN.md formulas
/// 2 and 3; T/CEPPC 14-2023 §6.1 factor library kept by the platform). A new id starts at version 1; an existing id gets
/// the next version, which from then on is the one estimation uses (the library's lookup takes the latest version of each
/// id) while results keep citing the version they used. Bad input answers Problem Details 400; every write and
/// rejection is audited.
/// </summary>
internal static partial class FactorEndpoints
{
    private static readonly Dictionary<string, (FactorKind Kind, string[] Units)> Kinds = new(StringComparer.Ordinal)
    {
        [WireName.Of(FactorKind.GridEmission)] = (FactorKind.GridEmission, ["tCO2/MWh", "kgCO2/kWh"]),
        [WireName.Of(FactorKind.StandardCoalCoefficient)] = (FactorKind.StandardCoalCoefficient, ["kgce/kg", "kgce/m3", "kgce/kWh", "kgce/MJ"]),
        [WireName.Of(FactorKind.StandardCoalCo2)] = (FactorKind.StandardCoalCo2, ["tCO2/tce"]),
        [WireName.Of(FactorKind.FuelCo2Ipcc)] = (FactorKind.FuelCo2Ipcc, ["kgCO2/TJ"]),
    };

    private static readonly string[] Calibres =
        [GridCalibre.EtsReporting, GridCalibre.StatisticalAverage, GridCalibre.StatisticalAverageExcludingMarketNonFossil, GridCalibre.StatisticalFossil];

    private static readonly Dictionary<string, FactorStatus> Statuses = new[] { FactorStatus.Published, FactorStatus.Secondary, FactorStatus.NotVerified }
        .ToDictionary(s => WireName.Of(s), StringComparer.Ordinal);

    private static readonly Lock WriteLock = new();

    /// <summary>Validates <paramref name="body"/>, stores the factor as the id's next version and answers it as results cite it.</summary>
    internal static Results<Ok<FactorDto>, ValidationProblem> PostFactor(FactorBody body, FactorCatalog catalog, RegistryStore registry, Auditor auditor,
        TimeProvider time, HttpContext http)
    {
        var errors = Validate(body, time.GetUtcNow().Year + 1);
        if (errors.Count > 0) return RegistryEndpoints.Rejected(errors, auditor, http);
        var (kind, _) = Kinds[body.Kind!];
        int year = body.Year!.Value;
        lock (WriteLock)
        {
            var library = catalog.Current();
            var previous = library.All.Where(f => f.Id == body.Id).MaxBy(f => f.Version);
            if (previous is not null && (previous.Kind != kind || previous.Subject != body.Subject || previous.Calibre != body.Calibre || previous.Region != body.Region))
            {
                return RegistryEndpoints.Rejected(new()
                {
                    ["id"] = [$"a new version of {previous.Id} keeps its kind {WireName.Of(previous.Kind)}, subject {previous.Subject}, calibre {previous.Calibre ?? "(none)"} and region {previous.Region}; use another id for another factor"],
                }, auditor, http);
            }
            var factor = new Factor(body.Id!, (previous?.Version ?? 0) + 1, kind, body.Subject!, body.Calibre, body.Region!, body.RegionName ?? body.Region!,
                body.Value!.Value, body.Unit!, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), body.Status is null ? FactorStatus.Published : Statuses[body.Status],
                new FactorSource(body.Source!, body.Clause ?? "", body.Url is null ? [] : [new FactorReference(body.Url, "given with the factor over the API")]), body.Note);
            try
            {
                _ = library.With(factor);
            }
            catch (FactorLibraryException ex)
            {
                return RegistryEndpoints.Rejected(new() { ["body"] = [ex.Message] }, auditor, http);
            }
            registry.SaveFactor(factor);
            auditor.Record(http, "registry.factor.put", factor.VersionId, "ok", $"{factor.Value} {factor.Unit}");
            return TypedResults.Ok(new FactorDto(factor.VersionId, factor.Value, factor.Unit, factor.Region, WireName.Of(factor.Status),
                factor.Source.Document, factor.Source.Clause, factor.Note));
        }
    }

    private static Dictionary<string, string[]> Validate(FactorBody body, int lastYear)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.Id is null || !IdPattern().IsMatch(body.Id))
            errors["id"] = ["a factor id: a letter or digit, then letters, digits, '.', '_' or '-', at most 100 (e.g. grid.ets_reporting.320000.2026)"];
        if (body.Kind is null || !Kinds.TryGetValue(body.Kind, out var kind))
        {
            errors["kind"] = [$"one of {string.Join(", ", Kinds.Keys)} (enterprise factors are derived from verified annual figures)"];
        }
        else
        {
            if (body.Unit is null || !kind.Units.Contains(body.Unit, StringComparer.Ordinal))
                errors["unit"] = [$"a {body.Kind} factor is in {string.Join(" or ", kind.Units)}"];
            if (kind.Kind == FactorKind.GridEmission ? body.Calibre is null || !Calibres.Contains(body.Calibre, StringComparer.Ordinal) : body.Calibre is not null)
                errors["calibre"] = [kind.Kind == FactorKind.GridEmission ? $"a grid factor names its calibre: {string.Join(", ", Calibres)}" : "only grid factors name a calibre"];
            if (kind.Kind == FactorKind.GridEmission && body.Subject != "electricity") errors["subject"] = ["a grid factor's subject is electricity"];
        }
        if (body.Subject is null || !SubjectPattern().IsMatch(body.Subject)) errors.TryAdd("subject", ["what the factor applies to, [a-z0-9_] (e.g. electricity, raw_coal)"]);
        if (body.Region is null || !IsRegion(body.Region))
            errors["region"] = ["CN, world, a GB/T 2260 six-digit code (e.g. 320000) or a regional grid grid-NAME"];
        if (body.Value is not { } value || !double.IsFinite(value) || value <= 0) errors["value"] = ["a finite value greater than 0"];
        if (body.Year is not { } year || year < 1990 || year > lastYear) errors["year"] = [$"the data year, 1990 to {lastYear}"];
        if (!RegistryEndpoints.IsCleanText(body.Source, 500))
            errors["source"] = ["the publishing document, 1 to 500 characters without control characters, < > \" ' ` ; \\ or --"];
        foreach (var (field, text) in new[] { ("regionName", body.RegionName), ("clause", body.Clause), ("note", body.Note) })
        {
            if (text is not null && !RegistryEndpoints.IsCleanText(text, 500)) errors[field] = ["1 to 500 characters without control characters, < > \" ' ` ; \\ or --"];
        }
        if (body.Url is not null && (body.Url.Length > 500 || !Uri.TryCreate(body.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
            errors["url"] = ["an absolute http or https address"];
        if (body.Status is not null && !Statuses.ContainsKey(body.Status)) errors["status"] = [$"one of {string.Join(", ", Statuses.Keys)}"];
        return errors;
    }

    private static bool IsRegion(string region) => region is "CN" or "world" || RegionCode.TryParse(region, out _) || GridRegionPattern().IsMatch(region);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[a-z0-9_]{1,64}$")]
    private static partial Regex SubjectPattern();

    [GeneratedRegex(@"^grid-[a-z]{1,32}$")]
    private static partial Regex GridRegionPattern();
}
