using System.Net;
using CarbonEdge.Edge.Config;
using CarbonEdge.Protocols.Hj212.Framing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CarbonEdge.Edge.Hj212;

/// <summary>
/// The gateway's HJ 212 input: listens as the upper platform for the configured stations and, when
/// <see cref="Hj212InputOptions.RelayTo"/> is set, relays everything received to the plant's platform.
/// </summary>
internal sealed class Hj212InputService(Hj212InputOptions options, Hj212StationHandler handler, Hj212Relay? relay, ILogger<Hj212InputService> logger) : BackgroundService
{
    /// <summary>The listener (bound once the service started).</summary>
    public Hj212Listener? Listener { get; private set; }

    /// <summary>Registers the input, its handler, counters and relay in the gateway host.</summary>
    public static void AddTo(IServiceCollection services, Hj212InputOptions options, GatewayOptions gateway)
    {
        services.AddSingleton(options);
        services.AddSingleton<Hj212LinkStats>();
        bool relaying = TryParseHostPort(options.RelayTo, out string host, out int port);
        if (relaying)
        {
            services.AddSingleton(_ => Hj212RelayQueue.Open(Path.Combine(gateway.DataDir, "hj212-relay.db")));
            services.AddSingleton(sp => new Hj212Relay(host, port, sp.GetRequiredService<Hj212RelayQueue>(), sp.GetRequiredService<ILogger<Hj212Relay>>()));
        }
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<Hj212StationHandler>(sp, new RelayQueueSlot(relaying ? sp.GetRequiredService<Hj212RelayQueue>() : null)));
        services.AddSingleton(sp => new Hj212InputService(options, sp.GetRequiredService<Hj212StationHandler>(),
            relaying ? sp.GetRequiredService<Hj212Relay>() : null, sp.GetRequiredService<ILogger<Hj212InputService>>()));
        services.AddHostedService(sp => sp.GetRequiredService<Hj212InputService>());
    }

    /// <summary>Problems of the section, each with where it is (empty when usable).</summary>
    public static IEnumerable<string> Check(Hj212InputOptions options)
    {
        if (!IPEndPoint.TryParse(options.Listen, out var endpoint) || endpoint.Port == 0)
            yield return $"hj212.listen: '{options.Listen}' is not IP:PORT (e.g. 0.0.0.0:9212)";
        if (options.RelayTo is not null && !TryParseHostPort(options.RelayTo, out _, out _))
            yield return $"hj212.relayTo: '{options.RelayTo}' is not host:port of the plant's platform";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
            yield return $"hj212.timeZone: '{options.TimeZone}' is not a time zone id (e.g. Asia/Shanghai)";
        if (options.Stations.Count == 0) yield return "hj212.stations: no stations configured (each needs mn, pw, device)";
        foreach (var duplicate in options.Stations.GroupBy(s => s.Mn).Where(g => g.Count() > 1))
            yield return $"hj212.stations: MN '{duplicate.Key}' used {duplicate.Count()} times";
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Hj212Crcs.TryParse(options.Crc, out var crc);
        using var listener = new Hj212Listener(IPEndPoint.Parse(options.Listen), crc, handler, logger);
        listener.Start();
        Listener = listener;
        logger.LogInformation("HJ 212 input listening on {Endpoint} for {Stations} stations (CRC {Crc}){Relay}", listener.LocalEndPoint,
            options.Stations.Count, options.Crc, options.RelayTo is null ? "" : $", relaying to {options.RelayTo}");
        await Task.WhenAll(listener.RunAsync(stoppingToken), relay?.RunAsync(stoppingToken) ?? Task.CompletedTask).ConfigureAwait(false);
    }

    private static bool TryParseHostPort(string? text, out string host, out int port)
    {
        host = "";
        port = 0;
        int colon = text?.LastIndexOf(':') ?? -1;
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), out port) || port is < 1 or > 65535) return false;
        host = text![..colon];
        return true;
    }
}
