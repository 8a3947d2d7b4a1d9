using System.Security.Claims;
using System.Text.RegularExpressions;
using CarbonEdge.Cloud.Access;
using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CarbonEdge.Cloud.Api;

/// <summary>
/// Registry management (T/CEPPC 14-2023 §6.1 enterprise registry; §9 exchange over REST): enterprises, sites, devices,
/// monthly energy reports, the factor library (writes: <see cref="FactorEndpoints"/>). Lists are paged and limited to the caller's scope; writes are validated
/// as the seed file is (same rules, <see cref="RegistryStore.Seed(RegistrySeed, string, CarbonEdge.Estimation.Factors.FactorLibrary?)"/>),
/// answer Problem Details 400 on bad input, and are audited.
/// </summary>
internal static partial class RegistryEndpoints
{
    public static RouteGroupBuilder MapRegistry(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("").RequireScopedRead().WithTags("Registry");
        read.MapGet("/enterprises", Enterprises);
        read.MapGet("/enterprises/{id}", Enterprise);
        read.MapGet("/enterprises/{id}/sites", SitesOf);
        read.MapGet("/sites/{site}/devices", Devices);
        read.MapGet("/enterprises/{id}/reports", Reports);
        read.MapGet("/factors", Factors);
        var admin = api.MapGroup("").RequireAdmin().WithTags("Registry");
        admin.MapPut("/enterprises/{id}", PutEnterprise);
        admin.MapPut("/sites/{site}", PutSite);
        admin.MapPut("/sites/{site}/devices/{device}", PutDevice);
        admin.MapPost("/factors", FactorEndpoints.PostFactor);
        api.MapGroup("").RequireEnterpriseWrite().WithTags("Registry").MapPut("/enterprises/{id}/reports/{month}/{kind}", PutReport);
        return api;
    }

    /// <summary><c>GET /api/v1/enterprises</c>: the enterprises the caller may see, by id, paged.</summary>
    internal static Results<Ok<Page<EnterpriseDto>>, ValidationProblem> Enterprises(int? page, int? pageSize, ClaimsPrincipal user, RegistryStore registry)
    {
        var caller = Caller.From(user)!;
        var visible = registry.Enterprises().Where(caller.CanSee).Select(ToDto).ToList();
        var errors = new Dictionary<string, string[]>();
        return Paging.TryPage(visible, page, pageSize, errors, out var result) ? TypedResults.Ok(result) : TypedResults.ValidationProblem(errors);
    }

    /// <summary><c>GET /api/v1/enterprises/{id}</c>: one enterprise (404 when unknown or outside the scope).</summary>
    internal static Results<Ok<EnterpriseDto>, NotFound<ProblemDetailsDto>> Enterprise(string id, RegistryStore registry) =>
        registry.Enterprises().FirstOrDefault(e => e.Id == id) is { } e ? TypedResults.Ok(ToDto(e)) : TypedResults.NotFound(ProblemDetailsDto.UnknownEnterprise(id));

    /// <summary><c>GET /api/v1/enterprises/{id}/sites</c>: the enterprise's sites, paged.</summary>
    internal static Results<Ok<Page<SiteDto>>, ValidationProblem, NotFound<ProblemDetailsDto>> SitesOf(string id, int? page, int? pageSize, RegistryStore registry)
    {
        if (registry.Enterprises().FirstOrDefault(e => e.Id == id) is not { } enterprise) return TypedResults.NotFound(ProblemDetailsDto.UnknownEnterprise(id));
        var sites = registry.Sites().Where(s => s.Enterprise == id).Select(s => new SiteDto(s.Id, s.Name, ToDto(enterprise))).ToList();
        var errors = new Dictionary<string, string[]>();
        return Paging.TryPage(sites, page, pageSize, errors, out var result) ? TypedResults.Ok(result) : TypedResults.ValidationProblem(errors);
    }

    /// <summary><c>GET /api/v1/sites/{site}/devices</c>: the site's devices, by id, paged.</summary>
    internal static Results<Ok<Page<DeviceDto>>, ValidationProblem, NotFound<ProblemDetailsDto>> Devices(string site, int? page, int? pageSize, RegistryStore registry)
    {
        if (registry.Sites().All(s => s.Id != site)) return TypedResults.NotFound(ProblemDetailsDto.UnknownSite(site));
        var devices = registry.Devices().Select(d => d.Device).Where(d => d.Site == site).OrderBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => new DeviceDto(d.Site, d.Id, d.Kind, d.Name, d.Multiplier, d.RolloverKwh, d.IntervalSeconds)).ToList();
        var errors = new Dictionary<string, string[]>();
        return Paging.TryPage(devices, page, pageSize, errors, out var result) ? TypedResults.Ok(result) : TypedResults.ValidationProblem(errors);
    }

    /// <summary><c>GET /api/v1/enterprises/{id}/reports?month=YYYY-MM</c>: the enterprise's energy report lines of a month (default last month).</summary>
    internal static Results<Ok<IReadOnlyList<ReportDto>>, ValidationProblem, NotFound<ProblemDetailsDto>> Reports(string id, string? month, RegistryStore registry,
        EstimationOptions options, TimeProvider time)
    {
        if (registry.Enterprises().All(e => e.Id != id)) return TypedResults.NotFound(ProblemDetailsDto.UnknownEnterprise(id));
        var today = LocalDay.Of(time.GetUtcNow(), options.TimeZone);
        string wanted = month ?? $"{today.AddMonths(-1):yyyy-MM}";
        if (!Period.TryParse(wanted, out var period) || period.Kind != PeriodKind.Month)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["month"] = [$"'{wanted}' is not a month of the form YYYY-MM"] });
        return TypedResults.Ok<IReadOnlyList<ReportDto>>(registry.EnergyReports(wanted).Where(r => r.Enterprise == id)
            .Select(r => new ReportDto(r.Enterprise, r.Month, r.EnergyKind, r.Quantity, r.Unit)).ToList());
    }

    /// <summary><c>GET /api/v1/factors</c>: every factor of the library with its version and source, paged.</summary>
    internal static Results<Ok<Page<FactorDto>>, ValidationProblem> Factors(int? page, int? pageSize, FactorCatalog factors)
    {
        var all = factors.Current().All.Select(f => EmissionsEndpoints.Cite(factors.Current(), [f.VersionId]).Values.First()).ToList();
        var errors = new Dictionary<string, string[]>();
        return Paging.TryPage(all, page, pageSize, errors, out var result) ? TypedResults.Ok(result) : TypedResults.ValidationProblem(errors);
    }

    /// <summary><c>PUT /api/v1/enterprises/{id}</c>: creates or updates an enterprise.</summary>
    internal static Results<Ok<EnterpriseDto>, ValidationProblem> PutEnterprise(string id, EnterpriseBody body, RegistryStore registry, Auditor auditor, HttpContext http)
    {
        var errors = Names(("name", body.Name));
        if (errors.Count > 0) return Rejected(errors, auditor, http);
        var enterprise = new EnterpriseInfo(id, body.Name!, body.Region ?? "", body.Industry ?? "");
        return Write(new RegistrySeed { Enterprises = [enterprise] }, registry, auditor, http, "registry.enterprise.put", id, () => TypedResults.Ok(ToDto(enterprise)));
    }

    /// <summary><c>PUT /api/v1/sites/{site}</c>: creates or updates a site of an existing enterprise.</summary>
    internal static Results<Ok<SiteInfo>, ValidationProblem> PutSite(string site, SiteBody body, RegistryStore registry, Auditor auditor, HttpContext http)
    {
        var errors = Names(("name", body.Name));
        if (errors.Count > 0) return Rejected(errors, auditor, http);
        var info = new SiteInfo(site, body.Enterprise ?? "", body.Name!);
        return Write(new RegistrySeed { Sites = [info] }, registry, auditor, http, "registry.site.put", site, () => TypedResults.Ok(info));
    }

    /// <summary><c>PUT /api/v1/sites/{site}/devices/{device}</c>: creates or updates a device of an existing site.</summary>
    internal static Results<Ok<DeviceDto>, ValidationProblem> PutDevice(string site, string device, DeviceBody body, RegistryStore registry, Auditor auditor, HttpContext http)
    {
        var errors = Names(("name", body.Name));
        if (errors.Count > 0) return Rejected(errors, auditor, http);
        var info = new DeviceInfo(site, device, body.Kind ?? "", body.Name!, body.Multiplier ?? 1, body.RolloverKwh, body.IntervalSeconds ?? 60);
        return Write(new RegistrySeed { Devices = [info] }, registry, auditor, http, "registry.device.put", $"{site}/{device}",
            () => TypedResults.Ok(new DeviceDto(site, device, info.Kind, info.Name, info.Multiplier, info.RolloverKwh, info.IntervalSeconds)));
    }

    /// <summary><c>PUT /api/v1/enterprises/{id}/reports/{month}/{kind}</c>: an enterprise's monthly energy report line (admin, or the enterprise itself).</summary>
    internal static Results<Ok<ReportDto>, ValidationProblem> PutReport(string id, string month, string kind, ReportBody body, RegistryStore registry, Auditor auditor, HttpContext http)
    {
        if (body.Quantity is null || body.Unit is null)
            return Rejected(new() { ["quantity"] = ["quantity and unit are required"] }, auditor, http);
        var line = new EnergyReportLine(id, month, kind, body.Quantity.Value, body.Unit);
        return Write(new RegistrySeed { Reports = [line] }, registry, auditor, http, "registry.report.put", $"{id}/{month}/{kind}",
            () => TypedResults.Ok(new ReportDto(id, month, kind, line.Quantity, line.Unit)));
    }

    private static Results<Ok<T>, ValidationProblem> Write<T>(RegistrySeed seed, RegistryStore registry, Auditor auditor, HttpContext http, string action, string target, Func<Ok<T>> ok)
    {
        try
        {
            registry.Seed(seed, "body");
        }
        catch (InvalidDataException ex)
        {
            return Rejected(new() { ["body"] = [ex.Message] }, auditor, http);
        }
        auditor.Record(http, action, target, "ok");
        return ok();
    }

    internal static ValidationProblem Rejected(Dictionary<string, string[]> errors, Auditor auditor, HttpContext http)
    {
        auditor.Record(http, "registry.rejected", Auditor.TargetOf(http), "400", errors.Values.First()[0]);
        return TypedResults.ValidationProblem(errors);
    }

    /// <summary>
    /// Display names: 1 to 200 characters, no control characters, none of <c>&lt; &gt; " ' ` ; \</c> and no <c>--</c>
    /// (they have no place in a plant's name, and keep markup and SQL fragments out of every later view and export).
    /// </summary>
    internal static Dictionary<string, string[]> Names(params (string Field, string? Value)[] names)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, value) in names)
        {
            if (!IsCleanText(value, 200)) errors[field] = ["a name of 1 to 200 characters without control characters, < > \" ' ` ; \\ or --"];
        }
        return errors;
    }

    /// <summary>True for 1 to <paramref name="maxLength"/> characters, not all blank, by the rules of <see cref="Names"/>.</summary>
    internal static bool IsCleanText(string? value, int maxLength) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= maxLength && NamePattern().IsMatch(value) && !value.Contains("--", StringComparison.Ordinal);

    private static EnterpriseDto ToDto(EnterpriseInfo e) => new(e.Id, e.Name, e.Region, e.Industry);

    [GeneratedRegex("""^[^\p{C}<>"'`;\\]+$""")]
    private static partial Regex NamePattern();
}
