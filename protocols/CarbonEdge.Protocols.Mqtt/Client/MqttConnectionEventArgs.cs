using CarbonEdge.Protocols.Mqtt.Packets;

namespace CarbonEdge.Protocols.Mqtt.Client;

/// <summary>The client is connected (first connect or automatic reconnect).</summary>
/// <param name="Result">CONNACK details; <see cref="MqttConnectResult.SessionPresent"/> tells whether the session was resumed.</param>
/// <param name="IsReconnect">True for an automatic reconnect.</param>
public sealed record MqttConnectedEventArgs(MqttConnectResult Result, bool IsReconnect);

/// <summary>The connection ended.</summary>
/// <param name="ClientInitiated">True after <see cref="MqttClient.DisconnectAsync(CancellationToken)"/> or disposal.</param>
/// <param name="Exception">What ended it (socket error, keep-alive timeout, protocol error); null when client initiated.</param>
/// <param name="ServerReasonCode">MQTT 5: the reason code of the broker's DISCONNECT, if it sent one.</param>
/// <param name="WillReconnect">True when an automatic reconnect follows.</param>
public sealed record MqttDisconnectedEventArgs(bool ClientInitiated, Exception? Exception, MqttDisconnectReasonCode? ServerReasonCode, bool WillReconnect);
