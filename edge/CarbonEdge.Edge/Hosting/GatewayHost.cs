using CarbonEdge.Edge.Buffer;
using CarbonEdge.Edge.Config;
using CarbonEdge.Edge.Devices;
using CarbonEdge.Edge.Health;
using CarbonEdge.Edge.Hj212;
using CarbonEdge.Edge.Polling;
using CarbonEdge.Edge.Uplink;
using CarbonEdge.Protocols.BrokerLink;
using CarbonEdge.Protocols.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace CarbonEdge.Edge.Hosting;

/// <summary>Builds the gateway host of <c>cedge run</c> from a checked config.</summary>
internal static class GatewayHost
{
    /// <summary>The host: buffer, devices, polling, uplink. Throws <see cref="DeviceConfigException"/> for a device that cannot be made.</summary>
    public static IHost Build(GatewayConfig config)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        var services = builder.Services;
        var time = TimeProvider.System;
        services.AddSingleton(time);
        services.AddSingleton(config.Gateway);
        services.AddSingleton(config.Uplink);
        services.AddSingleton(sp => ReadingBuffer.Open(Path.Combine(config.Gateway.DataDir, "buffer.db"), config.Buffer, sp.GetRequiredService<ILogger<ReadingBuffer>>()));
        services.AddSingleton(sp => new SerialBuses(config.SerialBuses, config.Devices, time, sp.GetRequiredService<ILogger<SerialBuses>>()));
        services.AddSingleton(sp =>
        {
            var buses = sp.GetRequiredService<SerialBuses>();
            SerialBusMetrics.Register(sp.GetRequiredService<GatewayStats>().Registry, buses);
            var factory = new DeviceFactory(time, sp.GetRequiredService<ILoggerFactory>(), buses);
            return new DeviceSet(config.Devices.Select(factory.Create).ToList());
        });
        services.AddSingleton(_ => new BrokerLink(BrokerSettings(config) with { Will = OfflineWill(config) }, time));
        services.AddSingleton<GatewayStats>();
        services.AddSingleton<UplinkSignal>();
        services.AddSingleton<GatewayCommands>();
        services.AddSingleton<PollingService>();
        services.AddHostedService(sp => sp.GetRequiredService<PollingService>());
        services.AddHostedService<UplinkService>();
        services.AddSingleton(config.Health);
        services.AddHostedService<GatewayMetricsService>();
        if (config.Hj212 is { } hj212) Hj212InputService.AddTo(services, hj212, config.Gateway);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        var host = builder.Build();
        _ = host.Services.GetRequiredService<DeviceSet>(); // create devices now: config errors surface before start
        return host;
    }

    /// <summary>
    /// The broker link of the <c>mqtt</c> section: persistent session (clean session off), client id
    /// <c>cedge-{site}-{gateway}</c> unless configured, TLS files already resolved against the config file's folder.
    /// </summary>
    internal static BrokerSettings BrokerSettings(GatewayConfig config) => new()
    {
        Url = config.Mqtt.Url,
        ClientId = config.Mqtt.ClientId ?? $"cedge-{config.Gateway.Site}-{config.Gateway.Id}",
        CleanSession = false,
        KeepAlive = TimeSpan.FromSeconds(config.Mqtt.KeepAliveSeconds),
        Username = config.Mqtt.Username,
        Password = config.Mqtt.Password,
        CaFile = config.Mqtt.CaFile,
        CertFile = config.Mqtt.CertFile,
        KeyFile = config.Mqtt.KeyFile,
        ProtocolVersion = config.Mqtt.ProtocolVersion,
    };

    /// <summary>The retained <c>offline</c> status the broker publishes when the link dies; <c>since</c> is when this process started.</summary>
    private static MqttApplicationMessage OfflineWill(GatewayConfig config)
    {
        var will = new GatewayStatus(GatewayState.Offline, DateTimeOffset.UtcNow, GatewayVersion.Current, 0);
        return new MqttApplicationMessageBuilder()
            .WithTopic(TelemetryTopics.Status(config.Gateway.Site, config.Gateway.Id))
            .WithPayload(TelemetryCodec.Serialize(will))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag()
            .Build();
    }
}
