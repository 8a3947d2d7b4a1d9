using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CarbonEdge.Edge.Config;
using CarbonEdge.Edge.Devices;
using CarbonEdge.Edge.Hosting;
using CarbonEdge.Protocols.BrokerLink;
using CarbonEdge.Protocols.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using Spectre.Console;

namespace CarbonEdge.Edge.Cli;

/// <summary>
/// <c>cedge check --config FILE</c>: checks the config, connects to the broker with its TLS files and credentials,
/// checks the ACL (MQTT 5: a command-reply publish and the command subscription, whose reason codes name a denial),
/// and reads each device once; prints a table (component, ok or the reason, latency) and exits 0 only if all passed.
/// Uses client id <c>{clientId}-check</c> and a clean session, so a running gateway is not disturbed.
/// </summary>
internal static class CheckCommand
{
    private static readonly TimeSpan BrokerTimeout = TimeSpan.FromSeconds(10);

    private sealed record Row(string Component, bool Ok, string Detail, TimeSpan Latency);

    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "Gateway config file", Required = true };
        var command = new Command("check", "Check the config, the broker (TLS, credentials, ACL) and each device once; exit 0 only if all pass") { config };
        command.SetAction(async (result, cancellationToken) =>
        {
            var rows = await RunAsync(result.GetValue(config)!, cancellationToken);
            var table = new Table().AddColumns("component", "result", "latency");
            foreach (var row in rows)
            {
                table.AddRow(Markup.Escape(row.Component), row.Ok ? "ok" : Markup.Escape(row.Detail),
                    row.Latency.TotalMilliseconds.ToString("0' ms'", CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(table);
            int failed = rows.Count(r => !r.Ok);
            foreach (var row in rows.Where(r => !r.Ok)) Console.Error.WriteLine($"{row.Component}: {row.Detail}"); // unwrapped, for logs and scripts
            if (failed > 0) Console.Error.WriteLine($"error: {failed} of {rows.Count} checks failed; fix what is named above and run cedge check again");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    private static async Task<List<Row>> RunAsync(FileInfo file, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (gateway, problems) = GatewayConfigLoader.Load(file.FullName);
        var rows = new List<Row> { new("config " + file.Name, problems.Count == 0, string.Join("; ", problems), clock.Elapsed) };
        if (problems.Count > 0) return rows;
        rows.AddRange(await CheckBrokerAsync(gateway, cancellationToken));
        DeviceFactory factory;
        try
        {
            factory = new DeviceFactory(TimeProvider.System, NullLoggerFactory.Instance,
                new SerialBuses(gateway.SerialBuses, gateway.Devices, TimeProvider.System, NullLogger<SerialBuses>.Instance));
        }
        catch (DeviceConfigException ex)
        {
            rows.Add(new Row("serialBuses", false, ex.Message, TimeSpan.Zero));
            return rows;
        }
        foreach (var options in gateway.Devices) rows.Add(await CheckDeviceAsync(factory, options, cancellationToken));
        return rows;
    }

    private static async Task<IEnumerable<Row>> CheckBrokerAsync(GatewayConfig config, CancellationToken cancellationToken)
    {
        var settings = GatewayHost.BrokerSettings(config);
        settings = settings with { ClientId = settings.ClientId + "-check", CleanSession = true };
        string component = $"broker {settings.Url}";
        var clock = Stopwatch.StartNew();
        try
        {
            await using var link = new BrokerLink(settings);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(BrokerTimeout);
            await link.ConnectOnceAsync(timeout.Token);
            var connected = new Row(component, true, "", clock.Elapsed);
            return [connected, await CheckAclAsync(config, settings, timeout.Token)];
        }
        catch (BrokerRefusedException ex)
        {
            return [new Row(component, false, ex.Message, clock.Elapsed)];
        }
        catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or System.Security.Cryptography.CryptographicException)
        {
            string reason = ex is OperationCanceledException ? $"no answer within {BrokerTimeout.TotalSeconds:0} s" : ex.GetBaseException().Message;
            return [new Row(component, false, $"unreachable ({reason}); check mqtt.url and that the broker runs", clock.Elapsed)];
        }
    }

    /// <summary>MQTT 5 names an ACL denial (PUBACK and SUBACK reason codes); 3.1.1 brokers drop denied publishes silently.</summary>
    private static async Task<Row> CheckAclAsync(GatewayConfig config, BrokerSettings settings, CancellationToken cancellationToken)
    {
        string site = config.Gateway.Site, id = config.Gateway.Id;
        string reply = TelemetryTopics.Reply(site, id), commands = TelemetryTopics.Command(site, id, "+");
        var clock = Stopwatch.StartNew();
        await using var link = new BrokerLink(settings with { ProtocolVersion = "5", ClientId = settings.ClientId + "-acl" });
        await link.ConnectOnceAsync(cancellationToken);
        var probe = new MqttApplicationMessageBuilder().WithTopic(reply)
            .WithPayload(TelemetryCodec.Serialize(new CommandReply("cedge-check", true)))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        var published = await link.Client.PublishAsync(probe, cancellationToken);
        if (!published.IsSuccess && published.ReasonCode != MqttClientPublishReasonCode.NoMatchingSubscribers)
        {
            return new Row("broker ACL", false, $"topic denied: publish to {reply} refused: {published.ReasonCode} (0x{(int)published.ReasonCode:X2}); check the broker's ACL", clock.Elapsed);
        }
        var subscribed = await link.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(commands).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build(), cancellationToken);
        var refused = subscribed.Items.FirstOrDefault(i => i.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2);
        return refused is null
            ? new Row("broker ACL", true, "", clock.Elapsed)
            : new Row("broker ACL", false, $"topic denied: subscription to {commands} refused: {refused.ResultCode} (0x{(int)refused.ResultCode:X2}); check the broker's ACL", clock.Elapsed);
    }

    private static async Task<Row> CheckDeviceAsync(DeviceFactory factory, DeviceOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await using var device = factory.Create(options);
            var readings = await device.PollAsync(cancellationToken);
            var bad = readings.Where(r => r.Quality != ReadingQuality.Good).ToList();
            string detail = bad.Count == 0 ? "" : $"{bad.Count} of {readings.Count} points bad: {string.Join("; ", bad.Take(3).Select(r => $"{r.Point}: {r.Reason}"))}";
            return new Row($"device {options.Id}", bad.Count == 0, detail, clock.Elapsed);
        }
        catch (DeviceConfigException ex)
        {
            return new Row($"device {options.Id}", false, ex.Message, clock.Elapsed);
        }
    }
}
