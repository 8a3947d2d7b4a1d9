using System.Buffers;
using System.Text.Json;
using CarbonEdge.Edge.Buffer;
using CarbonEdge.Edge.Config;
using CarbonEdge.Edge.Devices;
using CarbonEdge.Edge.Health;
using CarbonEdge.Edge.Polling;
using CarbonEdge.Protocols.BrokerLink;
using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Telemetry;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace CarbonEdge.Edge.Uplink;

/// <summary>
/// Answers commands on <c>carbonedge/v1/{site}/{gateway}/cmd/{name}</c> with a reply on <c>.../reply</c> carrying the
/// command's <c>correlationId</c>: <c>read-now</c> (poll every device at once) and <c>status</c> (buffer, counters, and
/// <c>serialBuses</c>: each bus's <c>name</c>, <c>port</c>, <c>state</c> up|down|not-opened, <c>reason</c> while down, <c>downs</c>).
/// An unknown command or a payload without <c>correlationId</c> gets <c>ok: false</c> with the reason.
/// </summary>
internal sealed partial class GatewayCommands(
    GatewayOptions gateway,
    ReadingBuffer buffer,
    PollingService polling,
    GatewayStats stats,
    SerialBuses serialBuses,
    ILogger<GatewayCommands> logger)
{
    /// <summary>The commands there are.</summary>
    public static readonly IReadOnlyList<string> Names = ["read-now", "status"];

    /// <summary>
    /// Subscribes to this gateway's command topics (on every connect: the session may be new). Returns the refusal
    /// (SUBACK reason code, e.g. an ACL denial), logged as an error, or null.
    /// </summary>
    public async Task<string?> SubscribeAsync(BrokerLink link)
    {
        string filter = TelemetryTopics.Command(gateway.Site, gateway.Id, "+");
        var result = await link.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build()).ConfigureAwait(false);
        foreach (var item in result.Items)
        {
            if (item.ResultCode <= MqttClientSubscribeResultCode.GrantedQoS2) continue;
            string refusal = $"subscription to {filter} refused: {item.ResultCode} (0x{(int)item.ResultCode:X2}); check the broker's ACL";
            LogSubscribeRefused(logger, refusal);
            return refusal;
        }
        return null;
    }

    /// <summary>Handles one delivered message; anything but a command for this gateway is ignored.</summary>
    public async Task HandleAsync(BrokerLink link, MqttApplicationMessageReceivedEventArgs e)
    {
        if (!TelemetryTopics.TryParse(e.ApplicationMessage.Topic, out var topic) || topic.Kind != TopicKind.Command
            || topic.Site != gateway.Site || topic.Gateway != gateway.Id)
        {
            return;
        }
        CommandReply reply;
        byte[] payload = e.ApplicationMessage.Payload.ToArray();
        if (!TelemetryCodec.TryDeserialize(payload, out GatewayCommand? command, out string? error))
        {
            LogBadCommand(logger, topic.CommandName!, error ?? "");
            reply = new CommandReply("", false, $"payload is not a command ({error}); send {{\"correlationId\":\"...\"}}");
        }
        else
        {
            LogCommand(logger, topic.CommandName!, command.CorrelationId);
            reply = topic.CommandName switch
            {
                "read-now" => ReadNow(command),
                "status" => Status(command),
                _ => new CommandReply(command.CorrelationId, false, $"unknown command '{topic.CommandName}' (known: {string.Join(", ", Names)})"),
            };
        }
        await link.Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(TelemetryTopics.Reply(gateway.Site, gateway.Id))
            .WithPayload(TelemetryCodec.Serialize(reply)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()).ConfigureAwait(false);
    }

    private CommandReply ReadNow(GatewayCommand command)
    {
        polling.PollNow();
        return new CommandReply(command.CorrelationId, true, Result: Json(w => w.WriteNumber("devices", polling.Devices.Count)));
    }

    private CommandReply Status(GatewayCommand command)
    {
        var summary = buffer.Summary();
        return new CommandReply(command.CorrelationId, true, Result: Json(w =>
        {
            w.WriteNumber("buffered", summary.Buffered);
            w.WriteNumber("unsealedReadings", summary.Unsealed);
            w.WriteNumber("pendingBatches", summary.Batches);
            w.WriteNumber("nextSeq", summary.NextSeq);
            w.WriteStartObject("evicted");
            foreach (var (kind, count) in ReadingKinds.Named(summary.Evicted)) w.WriteNumber(kind, count);
            w.WriteEndObject();
            w.WriteNumber("polls", stats.Polls);
            w.WriteNumber("readings", stats.Readings);
            w.WriteNumber("badReadings", stats.BadReadings);
            w.WriteNumber("lostReadings", stats.LostReadings);
            w.WriteNumber("batchesPublished", stats.BatchesPublished);
            w.WriteString("version", GatewayVersion.Current);
            if (stats.BrokerRefusal is { } refusal) w.WriteString("brokerRefusal", refusal);
            WriteSerialBuses(w);
        }));
    }

    private void WriteSerialBuses(Utf8JsonWriter w)
    {
        w.WriteStartArray("serialBuses");
        foreach (var bus in serialBuses.All)
        {
            w.WriteStartObject();
            w.WriteString("name", bus.Name);
            w.WriteString("port", bus.Port);
            w.WriteString("state", bus.State);
            if (bus.Line.State == BusLineState.Down) w.WriteString("reason", bus.Line.DownReason);
            w.WriteNumber("downs", bus.Line.Downs);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static JsonElement Json(Action<Utf8JsonWriter> write)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        using var document = JsonDocument.Parse(output.WrittenMemory);
        return document.RootElement.Clone();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Refusal}; commands will not arrive")]
    static partial void LogSubscribeRefused(ILogger logger, string refusal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {Name} ({CorrelationId})")]
    static partial void LogCommand(ILogger logger, string name, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command {Name} with an unreadable payload: {Error}")]
    static partial void LogBadCommand(ILogger logger, string name, string error);
}
