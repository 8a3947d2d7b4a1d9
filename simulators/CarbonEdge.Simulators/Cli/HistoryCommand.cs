using System.CommandLine;
using CarbonEdge.Protocols.BrokerLink;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Simulators.History;
using CarbonEdge.Simulators.Meters;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using Spectre.Console;

namespace CarbonEdge.Simulators.Cli;

/// <summary>
/// <c>cedge-sim history --days 7 --mqtt URL [--ca-file CA.crt] --site S --gateway G --meter DEVICE[:key=value,...] ...</c>: publishes the
/// past days' readings of simulated meters through telemetry contract v1 (QoS 1), as a gateway coming back online
/// after an outage would, so the cloud has whole past days to estimate.
/// </summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var days = new Option<int>("--days") { Description = "Whole local days before today to publish, plus today up to now (default 7)", DefaultValueFactory = _ => 7 };
        var mqtt = new Option<string>("--mqtt") { Description = "Broker URL, mqtt://HOST:PORT or mqtts://HOST:PORT (user:password@ before the host)", Required = true };
        var caFile = new Option<string?>("--ca-file") { Description = "PEM of the CA that signed the broker's certificate (mqtts://; default the system trust store)" };
        var site = new Option<string>("--site") { Description = "Site id", Required = true };
        var gateway = new Option<string>("--gateway") { Description = "Gateway id to publish as (default history)", DefaultValueFactory = _ => "history" };
        var meter = new Option<string[]>("--meter") { Description = "A meter: DEVICE[:scale=F,day-offset=N,register-base=KWH,rollover=KWH]; repeat per meter", Required = true, AllowMultipleArgumentsPerToken = false };
        var interval = new Option<int>("--interval") { Description = "Seconds between readings (default 60)", DefaultValueFactory = _ => 60 };
        var meterOptions = new MeterOptions();
        var command = new Command("history", "Publish past days of simulated meter readings over MQTT (backfill)") { days, mqtt, caFile, site, gateway, meter, interval };
        command.Options.Add(meterOptions.Profile);
        command.Options.Add(meterOptions.Zone);
        command.SetAction(async (result, cancellationToken) =>
        {
            string zoneId = result.GetValue(meterOptions.Zone)!;
            string siteId = result.GetValue(site)!, gatewayId = result.GetValue(gateway)!;
            if (!TelemetryTopics.IsValidId(siteId) || !TelemetryTopics.IsValidId(gatewayId))
            {
                Console.Error.WriteLine("error: --site and --gateway must match [a-z0-9-]{1,64}");
                return 2;
            }
            List<(string Device, MeterModel Model)> meters;
            TimeZoneInfo zone;
            BrokerSettings broker;
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
                var profile = meterOptions.LoadProfile(result);
                meters = result.GetValue(meter)!.Select(m => MeterSpec.Parse(m, zoneId)).Select(s => (s.Device, new MeterModel(profile, s.Settings))).ToList();
                broker = new BrokerSettings { Url = result.GetValue(mqtt)!, ClientId = $"cedge-sim-history-{siteId}-{gatewayId}", CleanSession = true, CaFile = result.GetValue(caFile) };
                if (broker.Problems("--mqtt") is [_, ..] problems) throw new ArgumentException(string.Join("; ", problems));
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or IOException or InvalidDataException or TimeZoneNotFoundException)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 2;
            }
            var now = DateTimeOffset.UtcNow;
            var firstDay = TimeZoneInfo.ConvertTime(now, zone).Date.AddDays(-result.GetValue(days));
            var from = new DateTimeOffset(firstDay, zone.GetUtcOffset(firstDay));
            var step = TimeSpan.FromSeconds(Math.Max(1, result.GetValue(interval)));
            var readings = meters.SelectMany(m => HistoryReadings.For(m.Device, m.Model, from, now, step)).ToList();
            var batches = TelemetryBatching.Pack(siteId, gatewayId, 1, now, readings);

            await using var link = new BrokerLink(broker);
            try
            {
                await link.ConnectOnceAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is BrokerRefusedException or MqttCommunicationException)
            {
                Console.Error.WriteLine($"error: cannot connect to {result.GetValue(mqtt)}: {ex.Message}");
                return 1;
            }
            Console.WriteLine($"publishing {readings.Count} readings of {meters.Count} meters from {from:yyyy-MM-dd HH:mm zzz} in {batches.Count} batches to {TelemetryTopics.Telemetry(siteId, gatewayId)}");
            string topic = TelemetryTopics.Telemetry(siteId, gatewayId);
            await AnsiConsole.Progress().AutoClear(false).StartAsync(async progress =>
            {
                var task = progress.AddTask("acknowledged batches", maxValue: batches.Count);
                using var window = new SemaphoreSlim(64); // publishes awaiting PUBACK at most
                var acks = batches.Select(async b =>
                {
                    await window.WaitAsync(cancellationToken);
                    try
                    {
                        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(b.Payload)
                            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
                        var published = await link.Client.PublishAsync(message, cancellationToken);
                        if (!published.IsSuccess) throw new BrokerRefusedException(published.ReasonCode.ToString(), $"publish refused: {published.ReasonCode}");
                    }
                    finally
                    {
                        window.Release();
                    }
                    task.Increment(1);
                }).ToList();
                await Task.WhenAll(acks);
            });
            await link.DisconnectAsync(cancellationToken);
            Console.WriteLine($"done: {batches.Count} batches, {readings.Count} readings acknowledged by the broker");
            return 0;
        });
        return command;
    }
}
