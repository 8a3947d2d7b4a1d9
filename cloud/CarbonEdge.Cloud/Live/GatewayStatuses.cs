using System.Collections.Concurrent;
using CarbonEdge.Protocols.Telemetry;

namespace CarbonEdge.Cloud.Live;

/// <summary>The retained status of every gateway (online/offline, since, buffered), from the status topics.</summary>
internal sealed class GatewayStatuses
{
    private readonly ConcurrentDictionary<(string Site, string Gateway), GatewayStatus> _statuses = new();

    /// <summary>Records the status a gateway last published (or its Last Will).</summary>
    public void Set(string site, string gateway, GatewayStatus status) => _statuses[(site, gateway)] = status;

    /// <summary>Gateways of a site with their status, by gateway id.</summary>
    public IReadOnlyList<(string Gateway, GatewayStatus Status)> Site(string site) =>
        _statuses.Where(s => s.Key.Site == site).OrderBy(s => s.Key.Gateway, StringComparer.Ordinal)
            .Select(s => (s.Key.Gateway, s.Value)).ToList();
}
