using System.Text.Json;

namespace CarbonEdge.Cloud.Tests.Access;

/// <summary>The anonymous operations endpoints: health, readiness of broker, InfluxDB and registry, Prometheus metrics, the API description.</summary>
[Collection(AccessCollection.Name)]
public sealed class OperationsEndpointTests(AccessFixture access)
{
    [Theory]
    [InlineData("/healthz", "Healthy")]
    [InlineData("/readyz", "Healthy")]
    [InlineData("/metrics", "http_requests_received_total")]
    [InlineData("/metrics", "cedge_ingestion_messages_total")]
    [InlineData("/reference/", "scalar")]
    public async Task Answers_without_credentials(string path, string contains)
    {
        var (status, body) = await access.SendAsync(HttpMethod.Get, path, key: null);
        Assert.Equal(200, status);
        Assert.Contains(contains, body);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_api_endpoint()
    {
        var (status, body) = await access.SendAsync(HttpMethod.Get, "/openapi/v1.json", key: null);
        Assert.Equal(200, status);
        using var document = JsonDocument.Parse(body);
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        var api = access.Endpoints().Select(e => e.RoutePattern.RawText!).Where(p => p.StartsWith("/api/v1", StringComparison.Ordinal)).ToHashSet();
        Assert.Empty(api.Except(paths));
        Assert.Contains("/auth/sign-in", paths);
    }
}
