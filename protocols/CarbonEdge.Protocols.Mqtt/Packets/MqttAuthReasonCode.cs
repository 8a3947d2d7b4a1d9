namespace CarbonEdge.Protocols.Mqtt.Packets;

/// <summary>Reason code of an MQTT 5 AUTH packet.</summary>
/// <remarks>MQTT 5.0 §3.15.2.1 Table 3-12.</remarks>
public enum MqttAuthReasonCode : byte
{
    /// <summary>0x00: authentication successful.</summary>
    Success = 0x00,
    /// <summary>0x18: continue the authentication with another step.</summary>
    ContinueAuthentication = 0x18,
    /// <summary>0x19: initiate a re-authentication.</summary>
    ReAuthenticate = 0x19,
}
