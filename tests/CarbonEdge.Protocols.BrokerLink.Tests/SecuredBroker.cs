using CarbonEdge.Testing;

namespace CarbonEdge.Protocols.BrokerLink.Tests;

/// <summary>
/// One mosquitto for the class: a password file (meter/s3cret, admin/adm1n), an ACL (meter may use only
/// <c>carbonedge/allowed/#</c>) on the default TLS listener with the run's certificates.
/// </summary>
public sealed class SecuredBroker : IAsyncLifetime
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public MosquittoBroker Broker { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var folder = RunFolder.Create("brokerlink-secured");
        string passwords = await MosquittoPasswordFile.CreateAsync(folder, ("meter", "s3cret"), ("admin", "adm1n"));
        string acl = folder.File("acl");
        await File.WriteAllTextAsync(acl, "user meter\ntopic readwrite carbonedge/allowed/#\n\nuser admin\ntopic readwrite #\n");
        Broker = await MosquittoBroker.StartAsync("brokerlink-secured", new MosquittoOptions
        {
            AllowAnonymous = false,
            PasswordFile = passwords,
            AclFile = acl,
        });
    }

    public async Task DisposeAsync() => await Broker.DisposeAsync();

    /// <summary>Settings for the TLS listener with the run's CA.</summary>
    public BrokerSettings Login(string user, string password, string version = "3.1.1") => new()
    {
        Url = Broker.Url,
        CaFile = Broker.CaFile,
        ClientId = $"test-{user}-{Guid.NewGuid():N}"[..30],
        Username = user,
        Password = password,
        ProtocolVersion = version,
        CleanSession = true,
    };
}
