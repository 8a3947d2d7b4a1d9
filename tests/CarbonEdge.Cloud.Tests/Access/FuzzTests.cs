using System.Text.Json;
using Microsoft.AspNetCore.Routing;

namespace CarbonEdge.Cloud.Tests.Access;

/// <summary>
/// Bad input over every endpoint's parameters (route values, dates, region codes, unknown query parameters, oversized and
/// malformed bodies, SQL and script fragments): a Problem Details 400 (404 for an unknown series name), never a 5xx and
/// never a stack trace. Sent with the admin key, so that nothing is refused before the checks.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed class FuzzTests(AccessFixture access)
{
    private static readonly string[] MalformedIds =
        ["BAD", "a'; DROP TABLE enterprise;--", "<script>alert(1)</script>", new string('a', 65), "ent 1", "é", "ent_1", "1 OR 1=1", "%00", "ent-1.json"]; // ".." is left out: HttpClient removes dot segments before sending

    private static readonly string[] MalformedCodes = ["32058", "3205830", "abcdef", "32058x", "' OR '1'='1", "<b>320583</b>"];

    private static readonly string[] MalformedDates = ["2026-02-30", "abc", "2026-13-01", "' OR 1=1 --", "<script>", "99999-01-01", "2026-1-1", ""];

    [Fact]
    public async Task Malformed_route_values_answer_400_on_every_endpoint()
    {
        var failures = new List<string>();
        foreach (var (method, pattern) in ApiEndpoints())
        {
            foreach (var name in (string[])["id", "site", "device", "code"])
            {
                if (!pattern.Contains($"{{{name}}}", StringComparison.Ordinal)) continue;
                foreach (var bad in name == "code" ? MalformedCodes : MalformedIds)
                {
                    string path = Fill(pattern).Replace(Fill($"{{{name}}}"), Uri.EscapeDataString(bad));
                    await Expect(failures, method, path, [400], Body(pattern));
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
    }

    [Fact]
    public async Task Unknown_query_parameters_malformed_dates_and_pages_answer_400()
    {
        var failures = new List<string>();
        foreach (var (method, pattern) in ApiEndpoints())
        {
            string path = Fill(pattern);
            await Expect(failures, method, path + "?debug=1", [400], Body(pattern));
            await Expect(failures, method, path + "?from=2026-01-01&x%27%3B--=1", [400], Body(pattern));
            if (method != "GET") continue;
            await Expect(failures, method, path + "?page=0", [400, 200, 404], null); // lists refuse page 0; other endpoints ignore paging (404: nothing stored yet)
            foreach (var date in MalformedDates)
            {
                if (pattern.Contains("/emissions/", StringComparison.Ordinal))
                    await Expect(failures, method, $"{path}?from={Uri.EscapeDataString(date)}", [400], null);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
    }

    [Fact]
    public async Task Oversized_malformed_and_hostile_bodies_answer_400()
    {
        var failures = new List<string>();
        string oversized = "{\"name\":\"" + new string('x', 100_000) + "\"}";
        foreach (var (method, pattern) in ApiEndpoints().Where(e => e.Method == "PUT" || e.Pattern == "/api/v1/factors" && e.Method == "POST"))
        {
            string path = Fill(pattern);
            await Expect(failures, method, path, [400], oversized);
            await Expect(failures, method, path, [400], "{\"name\":");
            await Expect(failures, method, path, [400], "[1,2,3]");
            await Expect(failures, method, path, [400], "{}");
        }
        foreach (var name in (string[])["<script>alert(1)</script>", "x'; DROP TABLE enterprise; --", "Robert\"); DELETE FROM site;", "a\u0000b", new string('n', 201)])
        {
            await Expect(failures, "PUT", "/api/v1/enterprises/ent-1", [400], JsonSerializer.Serialize(new { name, region = "320583", industry = "3130" }));
            await Expect(failures, "PUT", "/api/v1/sites/plant-01", [400], JsonSerializer.Serialize(new { enterprise = "ent-1", name }));
        }
        await Expect(failures, "PUT", "/api/v1/enterprises/ent-1", [400], """{"name":"Steel","region":"' OR 1=1","industry":"3130"}""");
        await Expect(failures, "PUT", "/api/v1/enterprises/ent-1/reports/2026-13/electricity", [400], """{"quantity":1,"unit":"kWh"}""");
        await Expect(failures, "PUT", "/api/v1/enterprises/ent-1/reports/2026-10/%3Cscript%3E", [400], """{"quantity":1,"unit":"kWh"}""");
        await Expect(failures, "PUT", "/api/v1/enterprises/ent-1/reports/2026-10/electricity", [400], """{"quantity":-5,"unit":"kWh"}""");
        const string factor = """{"id":"grid.ets_reporting.320000.2026","kind":"grid_emission","subject":"electricity","calibre":"ets_reporting","region":"320000","value":0.5,"unit":"tCO2/MWh","year":2026,"source":"notice"}""";
        foreach (var (good, bad) in new[] { ("\"value\":0.5", "\"value\":-1"), ("\"unit\":\"tCO2/MWh\"", "\"unit\":\"furlong\""), ("\"year\":2026", "\"year\":1066"),
                     ("\"region\":\"320000\"", "\"region\":\"' OR 1=1\""), ("\"source\":\"notice\"", "\"source\":\"<script>alert(1)</script>\""),
                     ("\"id\":\"grid.ets_reporting.320000.2026\"", "\"id\":\"x'; DROP TABLE factor;--\"") })
            await Expect(failures, "POST", "/api/v1/factors", [400], factor.Replace(good, bad, StringComparison.Ordinal));
        foreach (var body in (string[])["{\"name\":", "[]", "{\"name\":\"" + new string('x', 100_000) + "\",\"password\":\"p\"}", "{}"])
        {
            await Expect(failures, "POST", "/auth/sign-in", [400], body);
            await Expect(failures, "POST", "/provision", [400], body.Replace("name", "token", StringComparison.Ordinal));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
        var (_, stored) = await access.SendAsync(HttpMethod.Get, "/api/v1/enterprises/ent-1", access.Cloud.AdminKey);
        Assert.Contains("Test Steel", stored); // nothing hostile was written
    }

    [Fact]
    public async Task Random_strings_in_every_parameter_never_answer_5xx()
    {
        var random = new Random(20261204);
        const string alphabet = "abcz09-_'\";<>%/\\ .()=*&?#éü中\u0001";
        var failures = new List<string>();
        foreach (var (method, pattern) in ApiEndpoints())
        {
            for (int i = 0; i < 8; i++)
            {
                string Random() => new(Enumerable.Range(0, random.Next(1, 80)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
                string path = Fill(pattern);
                foreach (var name in (string[])["id", "site", "device", "code", "period", "month", "kind"])
                    if (pattern.Contains($"{{{name}}}", StringComparison.Ordinal)) path = path.Replace(Fill($"{{{name}}}"), Uri.EscapeDataString(Random()));
                await Expect(failures, method, $"{path}?from={Uri.EscapeDataString(Random())}", [400, 404], Body(pattern));
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
    }

    private IEnumerable<(string Method, string Pattern)> ApiEndpoints() =>
        access.Endpoints().Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, e.RoutePattern.RawText!)));

    /// <summary>The pattern with valid values for its parameters.</summary>
    private static string Fill(string pattern) => pattern.Replace("{id}", "ent-1").Replace("{site}", "plant-01").Replace("{device}", "m-1")
        .Replace("{code}", "320583").Replace("{domain}", "energy").Replace("{period}", "month").Replace("{month}", "2026-10").Replace("{kind}", "electricity").Replace("{year}", "2026");

    private static string? Body(string pattern) => pattern switch
    {
        "/api/v1/enterprises/{id}" => """{"name":"Test Steel","region":"320583","industry":"3130"}""",
        "/api/v1/sites/{site}" => """{"enterprise":"ent-1","name":"Mill"}""",
        "/api/v1/sites/{site}/devices/{device}" => """{"kind":"meter","name":"Incomer","multiplier":1,"intervalSeconds":60}""",
        _ when pattern.Contains("/reports/", StringComparison.Ordinal) => """{"quantity":1,"unit":"kWh"}""",
        _ => null,
    };

    private async Task Expect(List<string> failures, string method, string path, int[] allowed, string? body)
    {
        var (status, text) = await access.SendAsync(new HttpMethod(method), path, access.Cloud.AdminKey, method == "GET" ? null : body);
        string where = $"{method} {path[..Math.Min(path.Length, 120)]}";
        if (!allowed.Contains(status)) failures.Add($"{where}: {status} (expected {string.Join("/", allowed)}) {text[..Math.Min(text.Length, 300)]}");
        if (status >= 500 || text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal))
            failures.Add($"{where}: {status} with a crash or stack trace");
        if (status >= 400)
        {
            try
            {
                using var json = JsonDocument.Parse(text);
                if (!json.RootElement.TryGetProperty("status", out var s) || s.GetInt32() != status) failures.Add($"{where}: {status} without Problem Details: {text}");
            }
            catch (JsonException)
            {
                failures.Add($"{where}: {status} body is not Problem Details JSON: '{text[..Math.Min(text.Length, 200)]}'");
            }
        }
    }
}
