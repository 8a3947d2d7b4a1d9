using CarbonEdge.Edge.Buffer;
using CarbonEdge.Edge.Config;
using CarbonEdge.Edge.Devices;
using CarbonEdge.Edge.Health;
using CarbonEdge.Edge.Hj212;
using CarbonEdge.Edge.Polling;
using CarbonEdge.Edge.Uplink;
using CarbonEdge.Protocols.Mqtt;
using CarbonEdge.Protocols.Mqtt.Client;
using CarbonEdge.Protocols.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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
        services.AddSingleton(_ => ReadingBuffer.Open(Path.Combine(config.Gateway.DataDir, "buffer.db")));
        services.AddSingleton(sp =>
        {
            var factory = new DeviceFactory(time, sp.GetRequiredService<ILoggerFactory>());
            return new DeviceSet(config.Devices.Select(factory.Create).ToList());
        });
        services.AddSingleton(sp => new MqttClient(ClientOptions(config), sp.GetRequiredService<ILoggerFactory>().CreateLogger("CarbonEdge.Mqtt"), time));
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
    /// Persistent session (clean session off), client id <c>cedge-{site}-{gateway}</c> unless configured, and the retained
    /// <c>offline</c> status as Last Will (its <c>since</c> is when this process started).
    /// </summary>
    internal static MqttClientOptions ClientOptions(GatewayConfig config)
    {
        var options = MqttClientOptions.FromUrl(config.Mqtt.Url);
        options.ClientId = config.Mqtt.ClientId ?? $"cedge-{config.Gateway.Site}-{config.Gateway.Id}";
        options.CleanSession = false;
        options.KeepAlive = TimeSpan.FromSeconds(config.Mqtt.KeepAliveSeconds);
        options.Username = config.Mqtt.Username ?? options.Username;
        options.Password = config.Mqtt.Password ?? options.Password;
        options.ReconnectDelayMax = TimeSpan.FromSeconds(30);
        var will = new GatewayStatus(GatewayState.Offline, DateTimeOffset.UtcNow, GatewayVersion.Current, 0);
        options.Will = new MqttApplicationMessage(TelemetryTopics.Status(config.Gateway.Site, config.Gateway.Id), TelemetryCodec.Serialize(will))
        {
            QualityOfService = MqttQualityOfServiceLevel.AtLeastOnce,
            Retain = true,
        };
        return options;
    }
}
