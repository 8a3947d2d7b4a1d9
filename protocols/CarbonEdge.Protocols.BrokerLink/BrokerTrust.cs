using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace CarbonEdge.Protocols.BrokerLink;

/// <summary>
/// Decides whether the broker's TLS certificate is trusted: with a CA file, only a chain to that CA (and the host name
/// matching); without one, the system's trust store. Keeps why the last certificate was refused, for the log, the
/// status and <c>cedge check</c>.
/// </summary>
/// <remarks>RFC 5280 §6 (certification path validation); RFC 6125 §6 (host name check, done by SslStream).</remarks>
public sealed class BrokerTrust(string? caFile)
{
    private readonly X509Certificate2Collection? _ca = caFile is null ? null : LoadCa(caFile);

    /// <summary>Why the last certificate was refused ("certificate not trusted: ..."), or null.</summary>
    public string? LastRefusal { get; private set; }

    /// <summary>True when <paramref name="certificate"/> may be trusted.</summary>
    public bool Check(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        LastRefusal = null;
        if (certificate is null) return Refuse("the broker sent no certificate");
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return Refuse("its name does not match the broker's host name");
        if (_ca is null)
        {
            return errors == SslPolicyErrors.None || Refuse($"not trusted by the system ({errors}); set mqtt.caFile to the broker's CA");
        }
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_ca);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        using var leaf = new X509Certificate2(certificate);
        if (custom.Build(leaf)) return true;
        string status = string.Join(", ", custom.ChainStatus.Select(s => s.Status));
        return Refuse($"not signed by the CA in mqtt.caFile ({status})");
    }

    private bool Refuse(string reason)
    {
        LastRefusal = $"certificate not trusted: {reason}";
        return false;
    }

    private static X509Certificate2Collection LoadCa(string file)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(file);
        return collection;
    }
}
