using System.Text.Json;
using CarbonEdge.Cloud.Access;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonEdge.Cloud.Tests.Access;

/// <summary>
/// Tenant isolation (T/CES carbon statistics §8.2, 100 % correct permission control): two enterprises in two regions, a
/// key per role and scope; every API endpoint that takes an enterprise id, site or region code is called with every key
/// against every resource. Out of scope: 401, 403 or 404 with no data; in scope: 200; no key: 401. Every denial is audited.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed class TenantIsolationTests(AccessFixture access)
{
    private static readonly Dictionary<string, (string Site, string Region, string Name)> Enterprises = new()
    {
        ["ent-1"] = ("plant-01", "320583", "Test Steel"),
        ["ent-2"] = ("plant-02", "110101", "Beijing Works"),
    };

    private static readonly string[] RegionCodes = ["320583", "320500", "320000", "110101", "110000"];

    /// <summary>What each key may see, written out by hand (not computed by the code under test).</summary>
    private static readonly Dictionary<string, (string[] Enterprises, string[] Regions)> Scopes = new()
    {
        ["admin"] = (["ent-1", "ent-2"], RegionCodes),
        ["regulator-suzhou"] = (["ent-1"], ["320583", "320500"]),
        ["regulator-beijing"] = (["ent-2"], ["110101", "110000"]),
        ["regulator-county"] = (["ent-1"], ["320583"]),
        ["enterprise-1"] = (["ent-1"], []),
        ["enterprise-2"] = (["ent-2"], []),
        ["public"] = ([], []),
    };

    [Fact]
    public async Task Every_key_sees_exactly_its_scope_on_every_endpoint_with_an_id_site_or_region()
    {
        var audit = access.Cloud.Services.GetRequiredService<AuditLog>();
        long auditStart = audit.Count();
        var calls = Calls().ToList();
        Assert.True(calls.Count >= 20, $"only {calls.Count} resource calls");
        var failures = new List<string>();
        var denied = new List<string>();
        int inScope = 0, outOfScope = 0;
        // an in-scope caller gets what the admin gets (200, or the same "nothing stored yet" answer for a region never run)
        var adminStatus = new Dictionary<string, int>();
        foreach (var (_, path, _, _) in calls) adminStatus[path] = (await access.SendAsync(HttpMethod.Get, path, access.Keys["admin"].Key)).Status;
        Assert.True(adminStatus.Values.Count(s => s == 200) >= adminStatus.Count * 3 / 4, "the admin should read most resources: " + string.Join(", ", adminStatus.Where(p => p.Value != 200).Select(p => $"{p.Key} {p.Value}")));
        foreach (var (label, (key, _)) in access.Keys)
        {
            foreach (var (pattern, path, enterprise, region) in calls)
            {
                bool disclosure = pattern.Contains("/emissions/{period}", StringComparison.Ordinal);
                bool expected = label == "public"
                    ? disclosure
                    : region is not null ? Scopes[label].Regions.Contains(region) : Scopes[label].Enterprises.Contains(enterprise!);
                var (status, body) = await access.SendAsync(HttpMethod.Get, path, key);
                if (expected)
                {
                    inScope++;
                    if (status != adminStatus[path]) failures.Add($"{label} GET {path}: expected {adminStatus[path]} as the admin, got {status} {body}");
                    continue;
                }
                outOfScope++;
                denied.Add(path);
                if (status is not (401 or 403 or 404)) failures.Add($"{label} GET {path}: expected 401/403/404, got {status}");
                if (!IsProblemWithoutData(body, status)) failures.Add($"{label} GET {path}: the refusal carries data: {body}");
            }
        }
        foreach (var (_, path, _, _) in calls)
        {
            var (status, _) = await access.SendAsync(HttpMethod.Get, path, key: null);
            if (status != 401) failures.Add($"no key GET {path}: expected 401, got {status}");
            denied.Add(path);
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {inScope + outOfScope + calls.Count} calls wrong:\n" + string.Join("\n", failures.Take(40)));
        Assert.True(inScope > 0 && outOfScope > 0);

        var rows = audit.Read(auditStart, 100_000, "access.denied");
        var missing = denied.Where(path => !rows.Any(r => r.Target == $"GET {path}")).Distinct().ToList();
        Assert.True(missing.Count == 0, "denials not in the audit log:\n" + string.Join("\n", missing));
        Assert.True(rows.Count >= denied.Count, $"{denied.Count} denials, {rows.Count} audit rows");
    }

    [Theory]
    [InlineData("enterprise-1", "ent-1", 200)]
    [InlineData("enterprise-1", "ent-2", 404)]
    [InlineData("enterprise-2", "ent-1", 404)]
    [InlineData("regulator-suzhou", "ent-1", 403)]
    [InlineData("public", "ent-1", 403)]
    [InlineData("admin", "ent-2", 200)]
    public async Task Energy_reports_are_written_by_admins_and_by_an_enterprise_for_itself_only(string label, string enterprise, int expected)
    {
        var audit = access.Cloud.Services.GetRequiredService<AuditLog>();
        long before = audit.Count();
        var (status, body) = await access.SendAsync(HttpMethod.Put, $"/api/v1/enterprises/{enterprise}/reports/2026-10/electricity", access.Keys[label].Key,
            """{"quantity":1234.5,"unit":"kWh"}""");
        Assert.True(status == expected, $"{status} {body}");
        var rows = audit.Read(before, 1000);
        Assert.Contains(rows, r => r.Actor == $"key:{label}" && (expected == 200 ? r.Action == "registry.report.put" : r.Action == "access.denied"));
    }

    [Theory]
    [InlineData("regulator-suzhou")]
    [InlineData("enterprise-1")]
    [InlineData("public")]
    public async Task Only_admins_change_enterprises_sites_devices_and_factors(string label)
    {
        string key = access.Keys[label].Key;
        Assert.Equal(403, (await access.SendAsync(HttpMethod.Put, "/api/v1/enterprises/ent-1", key, """{"name":"Renamed","region":"320583","industry":"3130"}""")).Status);
        Assert.Equal(403, (await access.SendAsync(HttpMethod.Put, "/api/v1/sites/plant-01", key, """{"enterprise":"ent-1","name":"Renamed"}""")).Status);
        Assert.Equal(403, (await access.SendAsync(HttpMethod.Get, "/api/v1/audit", key)).Status);
        Assert.Equal(403, (await access.SendAsync(HttpMethod.Post, "/api/v1/factors", key, """{"id":"grid.ets_reporting.320000.2026","kind":"grid_emission","subject":"electricity","calibre":"ets_reporting","region":"320000","value":0.1,"unit":"tCO2/MWh","year":2026,"source":"forged"}""")).Status);
        var (_, body) = await access.SendAsync(HttpMethod.Get, "/api/v1/enterprises/ent-1", access.Cloud.AdminKey);
        Assert.Contains("Test Steel", body);
    }

    [Fact]
    public async Task Lists_hold_only_what_the_caller_may_see()
    {
        var (_, sites) = await access.SendAsync(HttpMethod.Get, "/api/v1/sites", access.Keys["regulator-beijing"].Key);
        Assert.Contains("plant-02", sites);
        Assert.DoesNotContain("plant-01", sites);
        var (_, enterprises) = await access.SendAsync(HttpMethod.Get, "/api/v1/enterprises", access.Keys["enterprise-1"].Key);
        using var page = JsonDocument.Parse(enterprises);
        Assert.Equal(["ent-1"], page.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(1, page.RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Revoked_expired_and_malformed_keys_answer_401()
    {
        var store = access.Cloud.Services.GetRequiredService<AccessStore>();
        var (revoked, _) = store.CreateKey("to-revoke", Roles.Admin, AccessScope.None, null);
        Assert.Equal(200, (await access.SendAsync(HttpMethod.Get, "/api/v1/sites", revoked)).Status);
        Assert.Equal(1, store.RevokeKey("to-revoke"));
        Assert.Equal(401, (await access.SendAsync(HttpMethod.Get, "/api/v1/sites", revoked)).Status);
        Assert.Equal(401, (await access.SendAsync(HttpMethod.Get, "/api/v1/sites", revoked[..^2] + "xx")).Status);
        Assert.Equal(401, (await access.SendAsync(HttpMethod.Get, "/api/v1/sites", "not-a-key")).Status);
    }

    /// <summary>Every GET under /api/v1 with an id, site or region code, instantiated for every resource.</summary>
    private IEnumerable<(string Pattern, string Path, string? Enterprise, string? Region)> Calls()
    {
        foreach (var endpoint in access.Endpoints())
        {
            string pattern = endpoint.RoutePattern.RawText ?? "";
            if (!pattern.StartsWith("/api/v1/", StringComparison.Ordinal)) continue;
            if (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") != true) continue;
            if (pattern.Contains("{code}", StringComparison.Ordinal))
            {
                foreach (var code in RegionCodes) yield return (pattern, pattern.Replace("/domains/{domain}/emissions/{period}", "/domains/energy/emissions/year").Replace("{code}", code).Replace("{period}", "yearly").Replace("{year}", "2026"), null, code);
            }
            else if (pattern.Contains("{id}", StringComparison.Ordinal) || pattern.Contains("{site}", StringComparison.Ordinal))
            {
                foreach (var (id, (site, _, _)) in Enterprises)
                    yield return (pattern, pattern.Replace("{id}", id).Replace("{site}", site).Replace("{period}", "year").Replace("{month}", "2026-10").Replace("{year}", "2026"), id, null);
            }
        }
    }

    /// <summary>A problem answer naming no enterprise's name and carrying no figures.</summary>
    private static bool IsProblemWithoutData(string body, int status)
    {
        if (Enterprises.Values.Any(e => body.Contains(e.Name, StringComparison.Ordinal))) return false;
        if (body.Length == 0) return true;
        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("status", out var s) && s.GetInt32() == status
               && !json.RootElement.TryGetProperty("kwh", out _) && !json.RootElement.TryGetProperty("items", out _);
    }
}
