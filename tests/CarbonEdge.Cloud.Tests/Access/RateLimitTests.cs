using System.Net;
using System.Text.Json;
using CarbonEdge.Cloud.Access;
using CarbonEdge.Cloud.Tests.Service;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonEdge.Cloud.Tests.Access;

/// <summary>
/// The API's limit per API key (<c>access.keyLimits</c>): the key limited to 5 requests a minute gets 429 with Problem
/// Details and <c>Retry-After</c> while another key goes on unaffected; the refusal is audited and counted in /metrics.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed class RateLimitTests(AccessFixture access)
{
    [Fact]
    public async Task A_key_over_its_limit_gets_429_with_retry_after_while_another_key_is_unaffected()
    {
        var store = access.Cloud.Services.GetRequiredService<AccessStore>();
        var audit = access.Cloud.Services.GetRequiredService<AuditLog>();
        long before = audit.Count();
        string limited = store.CreateKey(CloudServiceFixture.RateLimitedKeyName, Roles.Admin, AccessScope.None, 1).Key;
        string other = store.CreateKey("not-limited", Roles.Admin, AccessScope.None, 1).Key;
        using var http = new HttpClient();

        // 5 a minute in fixed windows: at most 5 + 5 requests pass even if a window ends in between, so the 11th is refused
        HttpResponseMessage? refused = null;
        for (int i = 0; i < 11 && refused is null; i++)
        {
            var response = await SendAsync(http, limited);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
            else Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.NotNull(refused);
        Assert.True(int.TryParse(refused.Headers.GetValues("Retry-After").Single(), out int retry) && retry is >= 1 and <= 60, "Retry-After in whole seconds");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using (var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
            Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());

        for (int i = 0; i < 20; i++) Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, other)).StatusCode);

        Assert.Contains(audit.Read(before, 1000, "access.rate_limited"), r => r.Actor == $"key:{CloudServiceFixture.RateLimitedKeyName}" && r.Outcome == "429");
        string metrics = await http.GetStringAsync(access.Cloud.BaseUrl + "/metrics");
        Assert.Contains("cedge_http_rate_limited_total{limit=\"api-key\"}", metrics);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient http, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, access.Cloud.BaseUrl + "/api/v1/sites");
        request.Headers.Add(ApiKeyAuthenticationHandler.Header, key);
        return await http.SendAsync(request);
    }
}
