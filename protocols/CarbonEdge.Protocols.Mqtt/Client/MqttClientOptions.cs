using System.Globalization;
using CarbonEdge.Protocols.Mqtt.Channel;
using CarbonEdge.Protocols.Mqtt.Formatter;

namespace CarbonEdge.Protocols.Mqtt.Client;

/// <summary>
/// How an <see cref="MqttClient"/> connects and behaves. Defaults suit a gateway on a cellular link; call
/// <see cref="Validate"/> (the client does) to check a bound configuration.
/// </summary>
public sealed class MqttClientOptions
{
    /// <summary>Default plain MQTT port (MQTT 3.1.1 §4.2, IANA).</summary>
    public const int DefaultPort = 1883;

    /// <summary>Default MQTT over TLS port.</summary>
    public const int DefaultTlsPort = 8883;

    /// <summary>Broker host name or address.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Broker TCP port.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>TLS settings; null for plain TCP.</summary>
    public MqttTlsOptions? Tls { get; set; }

    /// <summary>Client identifier: 1..23 characters <c>[0-9a-zA-Z]</c> are accepted by every broker (MQTT 3.1.1 §3.1.3.1); mosquitto takes longer ones. Empty lets the broker assign one (clean session only on 3.1.1).</summary>
    public string ClientId { get; set; } = "";

    /// <summary>MQTT 3.1.1 or 5.0.</summary>
    public MqttProtocolVersion ProtocolVersion { get; set; } = MqttProtocolVersion.V311;

    /// <summary>
    /// 3.1.1 Clean Session / 5.0 Clean Start. False keeps the session (subscriptions, queued QoS 1/2 messages) across
    /// connections; on MQTT 5 a persistent session also needs <see cref="SessionExpiryInterval"/> (defaulted to "never expires").
    /// </summary>
    public bool CleanSession { get; set; } = true;

    /// <summary>MQTT 5: how long the broker keeps the session after the connection ends (property 0x11); null: 0 with a clean session, 0xFFFFFFFF ("never") without.</summary>
    public TimeSpan? SessionExpiryInterval { get; set; }

    /// <summary>Keep-alive (MQTT 3.1.1 §3.1.2.10): the client sends PINGREQ when idle this long; the broker drops the client after 1.5 x this without a packet. Whole seconds, at most 65,535 s; zero disables it.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for PINGRESP before the link is declared dead and closed; null: the keep-alive period.</summary>
    public TimeSpan? PingTimeout { get; set; }

    /// <summary>User name, or null.</summary>
    public string? Username { get; set; }

    /// <summary>Password (sent as UTF-8), or null. MQTT 3.1.1 needs a user name with it.</summary>
    public string? Password { get; set; }

    /// <summary>Last Will: published by the broker when the connection ends without DISCONNECT (MQTT 3.1.1 §3.1.2.5).</summary>
    public MqttApplicationMessage? Will { get; set; }

    /// <summary>MQTT 5: delay before the broker publishes the Will (will property 0x18).</summary>
    public TimeSpan WillDelayInterval { get; set; }

    /// <summary>Time allowed for TCP connect, TLS handshake and CONNACK.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Reconnect automatically after the link is lost (not after <see cref="MqttClient.DisconnectAsync(CancellationToken)"/>).</summary>
    public bool AutoReconnect { get; set; } = true;

    /// <summary>First reconnect delay; each failed attempt doubles it up to <see cref="ReconnectDelayMax"/>, with jitter.</summary>
    public TimeSpan ReconnectDelayMin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest reconnect delay.</summary>
    public TimeSpan ReconnectDelayMax { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest number of QoS 1/2 publishes sent and not yet acknowledged; further publishes wait (backpressure). MQTT 5: also capped by the broker's Receive Maximum.</summary>
    public int MaxInflight { get; set; } = 64;

    /// <summary>Largest number of publishes queued and not yet written to the socket (QoS 0 included); further publishes wait.</summary>
    public int MaxPendingPublishes { get; set; } = 4096;

    /// <summary>Largest number of received messages waiting for the message handler; the reader stops reading beyond it.</summary>
    public int MaxPendingReceived { get; set; } = 1024;

    /// <summary>Largest packet accepted from the broker; a larger one closes the connection (MQTT 5: also sent as property 0x27).</summary>
    public int MaximumPacketSize { get; set; } = MqttPacketFormatter.MaximumPacketSize;

    /// <summary>MQTT 5: QoS 1/2 publishes the client accepts in flight from the broker (property 0x21); null: 65,535.</summary>
    public ushort? ReceiveMaximum { get; set; }

    /// <summary>Durable store of unacknowledged QoS 1/2 publishes (see <see cref="IMqttOutbox"/>); null keeps them in memory only.</summary>
    public IMqttOutbox? Outbox { get; set; }

    /// <summary>MQTT 5: user properties sent in CONNECT.</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; set; } = [];

    /// <summary>
    /// Options from a URL: <c>mqtt://host[:port]</c> (or <c>tcp://</c>), <c>mqtts://host[:port]</c> (or <c>ssl://</c>, TLS with the
    /// system CA store), optional <c>user:password@</c>. Default ports 1883 and 8883.
    /// </summary>
    /// <exception cref="FormatException">Not such a URL.</exception>
    public static MqttClientOptions FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new FormatException($"'{url}' is not an MQTT URL; expected mqtt://HOST:PORT or mqtts://HOST:PORT.");
        bool tls = uri.Scheme switch
        {
            "mqtt" or "tcp" => false,
            "mqtts" or "ssl" => true,
            _ => throw new FormatException($"'{url}': unknown scheme '{uri.Scheme}'; use mqtt:// or mqtts://."),
        };
        var options = new MqttClientOptions
        {
            Host = uri.IdnHost.Trim('[', ']'),
            Port = uri.IsDefaultPort || uri.Port < 0 ? (tls ? DefaultTlsPort : DefaultPort) : uri.Port,
            Tls = tls ? new MqttTlsOptions() : null,
        };
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            string[] parts = uri.UserInfo.Split(':', 2);
            options.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) options.Password = Uri.UnescapeDataString(parts[1]);
        }
        return options;
    }

    /// <summary>Checks the options; the client calls it on construction.</summary>
    /// <exception cref="ArgumentException">A value out of range, with the option's name.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host)) throw new ArgumentException("Host is required.", nameof(Host));
        if (Port is < 1 or > 65535) throw new ArgumentException($"Port {Port} is not 1..65535.", nameof(Port));
        if (!Enum.IsDefined(ProtocolVersion)) throw new ArgumentException($"Unknown protocol version {ProtocolVersion}.", nameof(ProtocolVersion));
        if (ClientId.Length == 0 && !CleanSession && ProtocolVersion == MqttProtocolVersion.V311)
            throw new ArgumentException("MQTT 3.1.1 §3.1.3.1: an empty client identifier needs a clean session.", nameof(ClientId));
        if (KeepAlive < TimeSpan.Zero || KeepAlive.TotalSeconds > ushort.MaxValue || KeepAlive.Ticks % TimeSpan.TicksPerSecond != 0)
            throw new ArgumentException($"KeepAlive {KeepAlive} must be whole seconds, 0..65535.", nameof(KeepAlive));
        if (PingTimeout is { } ping && ping <= TimeSpan.Zero) throw new ArgumentException("PingTimeout must be positive.", nameof(PingTimeout));
        if (Password is not null && Username is null && ProtocolVersion == MqttProtocolVersion.V311)
            throw new ArgumentException("MQTT 3.1.1 §3.1.2.9: a password needs a user name.", nameof(Password));
        if (Will is { } will && !MqttTopic.IsValidTopicName(will.Topic)) throw new ArgumentException($"Will topic '{will.Topic}' is not a valid topic name.", nameof(Will));
        if (ConnectTimeout <= TimeSpan.Zero) throw new ArgumentException("ConnectTimeout must be positive.", nameof(ConnectTimeout));
        if (ReconnectDelayMin <= TimeSpan.Zero || ReconnectDelayMax < ReconnectDelayMin)
            throw new ArgumentException("Reconnect delays must be positive with ReconnectDelayMin <= ReconnectDelayMax.", nameof(ReconnectDelayMin));
        if (MaxInflight is < 1 or > 65535) throw new ArgumentException($"MaxInflight {MaxInflight} is not 1..65535.", nameof(MaxInflight));
        if (MaxPendingPublishes < 1) throw new ArgumentException("MaxPendingPublishes must be at least 1.", nameof(MaxPendingPublishes));
        if (MaxPendingReceived < 1) throw new ArgumentException("MaxPendingReceived must be at least 1.", nameof(MaxPendingReceived));
        if (MaximumPacketSize is < 16 or > MqttPacketFormatter.MaximumPacketSize)
            throw new ArgumentException($"MaximumPacketSize {MaximumPacketSize} is not 16..{MqttPacketFormatter.MaximumPacketSize.ToString(CultureInfo.InvariantCulture)}.", nameof(MaximumPacketSize));
        if (ReceiveMaximum == 0) throw new ArgumentException("ReceiveMaximum 0 is a protocol error (MQTT 5.0 §3.1.2.11.3).", nameof(ReceiveMaximum));
    }
}
