namespace CarbonEdge.Cloud.Access;

/// <summary>
/// The broker's dynamic-security administration (config section <c>broker</c>), used to give each provisioned gateway
/// its own account. Absent: provisioning answers 503.
/// </summary>
internal sealed class BrokerOptions
{
    /// <summary>Broker host for <c>mosquitto_ctrl</c> (default 127.0.0.1).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Broker port for <c>mosquitto_ctrl</c> (default 1883).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>The dynamic-security admin user (made by <c>mosquitto_ctrl dynsec init FILE USER</c>).</summary>
    public string? AdminUsername { get; set; }

    /// <summary>Its password.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Extra <c>mosquitto_ctrl</c> connection arguments (e.g. <c>--cafile ca.crt</c> for TLS), or empty.</summary>
    public string[] CtrlArguments { get; set; } = [];

    /// <summary>The MQTT URL a provisioned gateway connects to (e.g. <c>mqtts://broker.example:8883</c>).</summary>
    public string? GatewayUrl { get; set; }

    /// <summary>The <c>mosquitto_ctrl</c> program (default found on PATH).</summary>
    public string MosquittoCtrl { get; set; } = "mosquitto_ctrl";
}
