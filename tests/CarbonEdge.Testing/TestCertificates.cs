using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CarbonEdge.Testing;

/// <summary>
/// A throw-away PKI made with System.Security.Cryptography for TLS tests: a CA, a server certificate for
/// <c>localhost</c> / <c>127.0.0.1</c> and a client certificate, all ECDSA P-256, written as PEM files (as mosquitto's
/// <c>cafile</c>, <c>certfile</c>, <c>keyfile</c> and mosquitto_pub's <c>--cafile</c>, <c>--cert</c>, <c>--key</c> take them).
/// </summary>
public sealed class TestCertificates
{
    private TestCertificates(RunFolder folder) => Folder = folder;

    /// <summary>Where the PEM files are.</summary>
    public RunFolder Folder { get; }

    /// <summary>CA certificate (PEM).</summary>
    public string CaFile => Folder.File("ca.crt");

    /// <summary>Server certificate (PEM), subject alternative names DNS:localhost and IP:127.0.0.1.</summary>
    public string ServerCertFile => Folder.File("server.crt");

    /// <summary>Server private key (PKCS#8 PEM).</summary>
    public string ServerKeyFile => Folder.File("server.key");

    /// <summary>Client certificate (PEM), common name <see cref="ClientCommonName"/>.</summary>
    public string ClientCertFile => Folder.File("client.crt");

    /// <summary>Client private key (PKCS#8 PEM).</summary>
    public string ClientKeyFile => Folder.File("client.key");

    /// <summary>Common name of the client certificate (mosquitto's identity with <c>use_identity_as_username</c>).</summary>
    public string ClientCommonName => "gw-01";

    private static readonly Lazy<TestCertificates> SharedPki = new(() => Create("pki-run"));

    /// <summary>The run's one PKI (made on first use), the one every TLS test broker serves.</summary>
    public static TestCertificates Shared => SharedPki.Value;

    /// <summary>Creates the CA and both certificates, valid from yesterday for 30 days.</summary>
    public static TestCertificates Create(string name = "pki")
    {
        var certificates = new TestCertificates(RunFolder.Create(name));
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        var notAfter = notBefore.AddDays(30);

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=CarbonEdge Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(notBefore, notAfter);
        File.WriteAllText(certificates.CaFile, ca.ExportCertificatePem());

        var serverNames = new SubjectAlternativeNameBuilder();
        serverNames.AddDnsName("localhost");
        serverNames.AddIpAddress(IPAddress.Loopback);
        Issue(ca, "CN=localhost", serverNames.Build(), X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment,
            "1.3.6.1.5.5.7.3.1", certificates.ServerCertFile, certificates.ServerKeyFile, notBefore, notAfter, 1);
        Issue(ca, $"CN={certificates.ClientCommonName}", null, X509KeyUsageFlags.DigitalSignature,
            "1.3.6.1.5.5.7.3.2", certificates.ClientCertFile, certificates.ClientKeyFile, notBefore, notAfter, 2);
        return certificates;
    }

    private static void Issue(X509Certificate2 ca, string subject, X509Extension? alternativeNames, X509KeyUsageFlags usage,
        string extendedUsage, string certFile, string keyFile, DateTimeOffset notBefore, DateTimeOffset notAfter, byte serial)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(extendedUsage)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (alternativeNames is not null) request.CertificateExtensions.Add(alternativeNames);
        using var certificate = request.Create(ca, notBefore, notAfter, [serial, 0x42]);
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>mosquitto.conf lines for a TLS listener on <paramref name="port"/> that requires a client certificate.</summary>
    public IReadOnlyList<string> MosquittoListener(int port, bool requireClientCertificate) =>
    [
        $"listener {port} 127.0.0.1",
        $"cafile {CaFile}",
        $"certfile {ServerCertFile}",
        $"keyfile {ServerKeyFile}",
        $"require_certificate {(requireClientCertificate ? "true" : "false")}",
        .. requireClientCertificate ? ["use_identity_as_username true"] : Array.Empty<string>(),
    ];
}
