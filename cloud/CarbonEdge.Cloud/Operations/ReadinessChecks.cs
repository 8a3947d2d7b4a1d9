using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Protocols.BrokerLink;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CarbonEdge.Cloud.Operations;

/// <summary>The registry answers a query.</summary>
internal sealed class RegistryReadiness(RegistryStore registry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return Task.FromResult(HealthCheckResult.Healthy($"{registry.Enterprises().Count} enterprises"));
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("registry query failed", ex));
        }
    }
}

/// <summary>InfluxDB answers <c>/ping</c> with 204.</summary>
internal sealed class InfluxReadiness(InfluxConnection influx) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var request = influx.CreateRequest(HttpMethod.Get, "/ping");
            using var response = await influx.Http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"/ping answered {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{influx.Options.Url} unreachable: {ex.Message}");
        }
    }
}

/// <summary>The ingestion's MQTT session to the broker is up.</summary>
internal sealed class BrokerReadiness(BrokerLink link) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(link.IsConnected ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy(link.LastRefusal is { } refusal ? $"not connected to the broker: {refusal}" : "not connected to the broker"));
}
