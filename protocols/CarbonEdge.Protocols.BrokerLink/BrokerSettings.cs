using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;

namespace CarbonEdge.Protocols.BrokerLink;

/// <summary>
/// How to reach the broker: URL (<c>mqtt://host:port</c>, <c>mqtts://host:port</c>; default ports 1883 and 8883), client
/// id, persistent session, keep-alive, credentials, TLS trust (a CA file in PEM) and an optional client certificate
/// (PEM certificate and key files), the MQTT version (<c>3.1.1</c> or <c>5</c>) and the Last Will.
/// </summary>
/// <remarks>MQTT 3.1.1 (OASIS, 2014) §3.1 CONNECT; MQTT 5.0 (OASIS, 2019) §3.1 CONNECT, §4.13 (reason codes).</remarks>
public sealed record BrokerSettings
{
    /// <summary><c>mqtt://host:port</c> or <c>mqtts://host:port</c> (TLS); the user info of the URL gives username and password.</summary>
    public required string Url { get; init; }

    /// <summary>Client id (MQTT 3.1.1 §3.1.3.1).</summary>
    public required string ClientId { get; init; }

    /// <summary>False (default): a persistent session, so the broker keeps subscriptions and QoS 1 messages across disconnects.</summary>
    public bool CleanSession { get; init; }

    /// <summary>Keep-alive interval (default 30 s).</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Username; overrides the URL's.</summary>
    public string? Username { get; init; }

    /// <summary>Password; overrides the URL's.</summary>
    public string? Password { get; init; }

    /// <summary>PEM file of the CA that signed the broker's certificate (TLS); absolute, or relative to the config file's folder once resolved.</summary>
    public string? CaFile { get; init; }

    /// <summary>PEM file of the client certificate (TLS client authentication; needs <see cref="KeyFile"/>).</summary>
    public string? CertFile { get; init; }

    /// <summary>PEM file of the client certificate's private key.</summary>
    public string? KeyFile { get; init; }

    /// <summary><c>3.1.1</c> (default) or <c>5</c>.</summary>
    public string ProtocolVersion { get; init; } = "3.1.1";

    /// <summary>Retained message the broker publishes when the link dies (MQTT 3.1.1 §3.1.2.5), or null.</summary>
    public MqttApplicationMessage? Will { get; init; }

    /// <summary>The broker's host, port and whether TLS is used, from <see cref="Url"/>.</summary>
    /// <exception cref="FormatException">Not an <c>mqtt://</c> or <c>mqtts://</c> URL with a host.</exception>
    public (string Host, int Port, bool Tls) Endpoint
    {
        get
        {
            if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("mqtt" or "mqtts") || string.IsNullOrEmpty(uri.Host))
                throw new FormatException($"'{Url}' is not mqtt://host[:port] or mqtts://host[:port]");
            bool tls = uri.Scheme == "mqtts";
            return (uri.Host, uri.IsDefaultPort || uri.Port <= 0 ? (tls ? 8883 : 1883) : uri.Port, tls);
        }
    }

    /// <summary>What is wrong with these settings (empty when usable), each prefixed with <paramref name="where"/>.</summary>
    public IReadOnlyList<string> Problems(string where)
    {
        var problems = new List<string>();
        try
        {
            _ = Endpoint;
        }
        catch (FormatException ex)
        {
            problems.Add($"{where}.url: {ex.Message}");
        }
        if (ProtocolVersion is not ("3.1.1" or "5")) problems.Add($"{where}.protocolVersion: '{ProtocolVersion}' is not 3.1.1 or 5");
        if ((CertFile is null) != (KeyFile is null)) problems.Add($"{where}: certFile and keyFile go together");
        foreach (var (name, file) in new[] { ("caFile", CaFile), ("certFile", CertFile), ("keyFile", KeyFile) })
        {
            if (file is not null && !File.Exists(file)) problems.Add($"{where}.{name}: {file} does not exist");
        }
        return problems;
    }

    /// <summary>The MQTTnet options; <paramref name="trust"/> checks the broker's certificate when TLS is used.</summary>
    /// <exception cref="FormatException">Bad URL.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">A PEM file cannot be read.</exception>
    public MqttClientOptions Build(BrokerTrust trust)
    {
        var (host, port, tls) = Endpoint;
        var uri = new Uri(Url);
        string[] userInfo = uri.UserInfo.Split(':', 2);
        string? username = Username ?? (userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : null);
        string? password = Password ?? (userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : null);
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(ClientId)
            .WithCleanSession(CleanSession)
            .WithKeepAlivePeriod(KeepAlive)
            .WithProtocolVersion(ProtocolVersion == "5" ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311)
            // each packet in one write: MQTTnet's default writes header and payload separately, which held a 65 KB batch
            // publish to about a quarter of mosquitto_pub's rate here (cedge-bench compare uplink, docs/testing.md)
            .WithoutPacketFragmentation();
        if (ProtocolVersion == "5" && !CleanSession) builder.WithSessionExpiryInterval(uint.MaxValue); // the 3.1.1 persistent session
        if (username is not null) builder.WithCredentials(username, password);
        if (Will is { } will)
        {
            builder.WithWillTopic(will.Topic).WithWillPayload(will.Payload.ToArray()).WithWillQualityOfServiceLevel(will.QualityOfServiceLevel).WithWillRetain(will.Retain);
        }
        if (tls)
        {
            var options = new MqttClientTlsOptionsBuilder()
                .UseTls()
                .WithCertificateValidationHandler(e => trust.Check(e.Certificate, e.Chain, e.SslPolicyErrors));
            if (CertFile is not null && KeyFile is not null)
            {
                var certificate = X509Certificate2.CreateFromPemFile(CertFile, KeyFile);
                options.WithClientCertificates([certificate]);
            }
            builder.WithTlsOptions(options.Build());
        }
        return builder.Build();
    }
}
