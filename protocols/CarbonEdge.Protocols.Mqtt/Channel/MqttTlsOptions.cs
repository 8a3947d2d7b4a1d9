using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace CarbonEdge.Protocols.Mqtt.Channel;

/// <summary>
/// TLS for the MQTT connection (MQTT 3.1.1 §5.4.5, MQTT 5.0 §5.4.5; port 8883): server certificate checked against the
/// system store or a custom CA, host name checked against the certificate, SNI sent, optional client certificate.
/// </summary>
public sealed class MqttTlsOptions
{
    /// <summary>Name for SNI and the certificate name check; null uses the host the client connects to.</summary>
    public string? ServerName { get; set; }

    /// <summary>CA certificates to trust instead of the system store (e.g. a plant's own CA); empty uses the system store.</summary>
    public X509Certificate2Collection CertificateAuthorities { get; set; } = [];

    /// <summary>Client certificate with its private key, for brokers that require one.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>Accept any server certificate (no chain or name check). For a bench only; never in the field.</summary>
    public bool AllowUntrustedCertificates { get; set; }

    /// <summary>TLS versions; <see cref="SslProtocols.None"/> lets the operating system choose (TLS 1.2 and 1.3).</summary>
    public SslProtocols EnabledProtocols { get; set; } = SslProtocols.None;

    /// <summary>Builds options from PEM files as mosquitto_pub takes them (<c>--cafile</c>, <c>--cert</c>, <c>--key</c>).</summary>
    /// <exception cref="ArgumentException">Only one of <paramref name="certFile"/> and <paramref name="keyFile"/> given.</exception>
    public static MqttTlsOptions FromPemFiles(string? caFile, string? certFile = null, string? keyFile = null)
    {
        if ((certFile is null) != (keyFile is null)) throw new ArgumentException("A client certificate needs both --cert and --key.");
        var options = new MqttTlsOptions();
        if (caFile is not null) options.CertificateAuthorities.ImportFromPemFile(caFile);
        if (certFile is not null) options.ClientCertificate = X509Certificate2.CreateFromPemFile(certFile, keyFile);
        return options;
    }

    internal async Task<Stream> AuthenticateAsync(Stream inner, string host, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        var authentication = new SslClientAuthenticationOptions
        {
            TargetHost = ServerName ?? host,
            EnabledSslProtocols = EnabledProtocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        if (ClientCertificate is not null) authentication.ClientCertificates = [ClientCertificate];
        if (AllowUntrustedCertificates)
        {
            authentication.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (CertificateAuthorities.Count > 0)
        {
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.AddRange(CertificateAuthorities);
            authentication.CertificateChainPolicy = policy;
        }
        try
        {
            await ssl.AuthenticateAsClientAsync(authentication, cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
