using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CarbonEdge.Cloud.Access;
using CarbonEdge.Cloud.Tests.Service;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonEdge.Cloud.Tests.Access;

/// <summary>
/// The cloud with two enterprises in two regions (ent-1 in county 320583 of Suzhou 320500, Jiangsu 320000; ent-2 in
/// county 110101 of Beijing 110000), a site and a meter each, and an API key for every role and scope.
/// </summary>
public sealed class AccessFixture : IAsyncLifetime
{
    public CloudServiceFixture Cloud { get; } = new();

    /// <summary>Keys by label: admin, public, regulator-suzhou (region:320500), regulator-beijing (region:110000), enterprise-1, enterprise-2, regulator-jiangsu-county (region:320583).</summary>
    internal Dictionary<string, (string Key, Caller Caller)> Keys { get; } = [];

    public async Task InitializeAsync()
    {
        await Cloud.InitializeAsync();
        await PutOkAsync("/api/v1/enterprises/ent-2", """{"name":"Beijing Works","region":"110101","industry":"3130"}""");
        await PutOkAsync("/api/v1/sites/plant-02", """{"enterprise":"ent-2","name":"Beijing plant"}""");
        await PutOkAsync("/api/v1/sites/plant-02/devices/m-1", """{"kind":"meter","name":"Incomer 2","multiplier":1,"intervalSeconds":60}""");
        var store = Cloud.Services.GetRequiredService<AccessStore>();
        foreach (var (label, role, scope) in new[]
                 {
                     ("admin", Roles.Admin, ""), ("public", Roles.Public, ""), ("regulator-suzhou", Roles.Regulator, "region:320500"),
                     ("regulator-beijing", Roles.Regulator, "region:110000"), ("regulator-county", Roles.Regulator, "region:320583"),
                     ("enterprise-1", Roles.Enterprise, "enterprise:ent-1"), ("enterprise-2", Roles.Enterprise, "enterprise:ent-2"),
                 })
        {
            Assert.True(AccessScope.TryParse(role, scope, out var parsed, out _));
            Keys[label] = (store.CreateKey(label, role, parsed, 30).Key, new Caller(label, role, parsed, "key"));
        }
    }

    public Task DisposeAsync() => Cloud.DisposeAsync();

    /// <summary>Every route endpoint of the application.</summary>
    public IReadOnlyList<RouteEndpoint> Endpoints() =>
        Cloud.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    /// <summary>Sends a request with <paramref name="key"/> (none when null); returns status and body.</summary>
    public async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, string? key, string? json = null)
    {
        using var request = new HttpRequestMessage(method, Cloud.BaseUrl + path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var http = new HttpClient();
        if (key is not null) request.Headers.Add(ApiKeyAuthenticationHandler.Header, key);
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task PutOkAsync(string path, string json)
    {
        var (status, body) = await SendAsync(HttpMethod.Put, path, Cloud.AdminKey, json);
        Assert.True(status == 200, $"PUT {path}: {status} {body}");
    }
}

[CollectionDefinition(Name)]
public sealed class AccessCollection : ICollectionFixture<AccessFixture>
{
    public const string Name = "access";
}
