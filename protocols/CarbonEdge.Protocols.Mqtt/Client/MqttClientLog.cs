using Microsoft.Extensions.Logging;

namespace CarbonEdge.Protocols.Mqtt.Client;

/// <summary>The client's log messages (source-generated).</summary>
internal static partial class MqttClientLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT connected to {Endpoint} as '{ClientId}' (session present: {SessionPresent}, resending {Resent} unacknowledged)")]
    public static partial void Connected(ILogger logger, string endpoint, string clientId, bool sessionPresent, int resent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT connection to {Endpoint} lost; reconnect: {WillReconnect}")]
    public static partial void ConnectionLost(ILogger logger, string endpoint, bool willReconnect, Exception? exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT reconnect attempt {Attempt} to {Endpoint} failed")]
    public static partial void ReconnectFailed(ILogger logger, int attempt, string endpoint, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "MQTT message handler failed for a message on '{Topic}'; the message is acknowledged")]
    public static partial void HandlerFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "MQTT connection event handler failed")]
    public static partial void EventHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT broker answered {PacketType} for unknown packet identifier {PacketIdentifier}; ignored")]
    public static partial void UnknownPacketIdentifier(ILogger logger, string packetType, ushort packetIdentifier);

    [LoggerMessage(Level = LogLevel.Error, Message = "MQTT outbox call failed; the publish goes on from memory only")]
    public static partial void OutboxFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT re-subscribe after a lost session was refused for '{Filter}': {ReasonCode}")]
    public static partial void ResubscribeRefused(ILogger logger, string filter, string reasonCode);
}
