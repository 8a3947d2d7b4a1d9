using CarbonEdge.Protocols.Mqtt.Channel;
using CarbonEdge.Protocols.Mqtt.Client;
using CarbonEdge.Protocols.Mqtt.Packets;
using CarbonEdge.Testing;
using static CarbonEdge.Protocols.Mqtt.Tests.Client.TestKit;

namespace CarbonEdge.Protocols.Mqtt.Tests.Client;

/// <summary>Password file, ACL and TLS (certificates made in the test) on a real mosquitto.</summary>
public sealed class SecurityTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;
    private TestCertificates _pki = null!;
    private int _tlsPort;

    public async Task InitializeAsync()
    {
        var folder = RunFolder.Create("mqtt-security");
        string passwords = folder.File("passwd");
        foreach (var (user, password) in new[] { ("meter", "s3cret"), ("admin", "adm1n") })
        {
            string[] create = File.Exists(passwords) ? [] : ["-c"];
            await using var passwd = ExternalProcess.Start("mosquitto_passwd", [.. create, "-b", passwords, user, password], folder.File("passwd.log"));
            Assert.Equal(0, await passwd.WaitForExitAsync(TestKit.Timeout));
        }
        string acl = folder.File("acl");
        await File.WriteAllTextAsync(acl, "user meter\ntopic readwrite carbonedge/allowed/#\n\nuser admin\ntopic readwrite #\n\nuser gw-01\ntopic readwrite #\n");
        _pki = TestCertificates.Create("mqtt-pki");
        _tlsPort = FreePort.Next();
        _broker = await MosquittoBroker.StartAsync("mqtt-security", new MosquittoOptions
        {
            AllowAnonymous = false,
            PasswordFile = passwords,
            AclFile = acl,
            ExtraLines = _pki.MosquittoListener(_tlsPort, requireClientCertificate: true),
        });
    }

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    private MqttClientOptions Login(string user, string password, MqttProtocolVersion version = MqttProtocolVersion.V311)
    {
        var options = Options(_broker.Port, UniqueId(user), version);
        options.Username = user;
        options.Password = password;
        return options;
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, MqttConnectReasonCode.NotAuthorized)]
    [InlineData(MqttProtocolVersion.V500, MqttConnectReasonCode.NotAuthorized)]
    public async Task A_wrong_password_is_refused_with_its_reason_code(MqttProtocolVersion version, MqttConnectReasonCode expected)
    {
        await using var client = new MqttClient(Login("meter", "wrong", version));
        var error = await Assert.ThrowsAsync<MqttConnectException>(() => client.ConnectAsync()).Within();
        Assert.Equal(expected, error.ReasonCode);
        Assert.Contains("0x87", error.Message);
    }

    [Fact]
    public async Task An_acl_denial_is_reported_on_mqtt5_with_0x87()
    {
        await using var client = new MqttClient(Login("meter", "s3cret", MqttProtocolVersion.V500));
        await client.ConnectAsync().Within();
        var allowed = await client.PublishAsync(Message("carbonedge/allowed/x", "ok", MqttQualityOfServiceLevel.AtLeastOnce)).Within();
        Assert.True(allowed.ReasonCode is MqttPubAckReasonCode.Success or MqttPubAckReasonCode.NoMatchingSubscribers);
        var denied = await Assert.ThrowsAsync<MqttPublishException>(() => client.PublishAsync(Message("carbonedge/denied/x", "no", MqttQualityOfServiceLevel.AtLeastOnce))).Within();
        Assert.Equal(MqttPubAckReasonCode.NotAuthorized, denied.ReasonCode);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task An_acl_denial_on_mqtt311_is_acknowledged_and_dropped_which_a_watcher_detects()
    {
        await using var watcher = new MqttClient(Login("admin", "adm1n"));
        var received = new Received(watcher);
        await watcher.ConnectAsync().Within();
        await watcher.SubscribeAsync("carbonedge/#", MqttQualityOfServiceLevel.AtLeastOnce).Within();

        await using var client = new MqttClient(Login("meter", "s3cret"));
        await client.ConnectAsync().Within();
        await client.PublishAsync(Message("carbonedge/denied/x", "dropped", MqttQualityOfServiceLevel.AtLeastOnce)).Within(); // PUBACK all the same
        await client.PublishAsync(Message("carbonedge/allowed/x", "delivered", MqttQualityOfServiceLevel.AtLeastOnce)).Within();
        Assert.Equal("delivered", (await received.NextAsync()).Message.Text());
        Assert.DoesNotContain("dropped", received.Texts);
    }

    [Fact]
    public async Task Tls_with_a_custom_ca_and_a_client_certificate_carries_traffic()
    {
        var options = Options(_tlsPort, UniqueId("tls"));
        options.Tls = MqttTlsOptions.FromPemFiles(_pki.CaFile, _pki.ClientCertFile, _pki.ClientKeyFile);
        options.Tls.ServerName = "localhost";
        await using var client = new MqttClient(options);
        var received = new Received(client);
        await client.ConnectAsync().Within();
        await client.SubscribeAsync("secure/+", MqttQualityOfServiceLevel.AtLeastOnce).Within();
        await client.PublishAsync(Message("secure/a", "over tls", MqttQualityOfServiceLevel.AtLeastOnce)).Within();
        Assert.Equal("over tls", (await received.NextAsync()).Message.Text());
    }

    [Fact]
    public async Task Tls_checks_the_host_name_and_the_issuer()
    {
        var wrongName = Options(_tlsPort, UniqueId("tls"));
        wrongName.Tls = MqttTlsOptions.FromPemFiles(_pki.CaFile, _pki.ClientCertFile, _pki.ClientKeyFile);
        wrongName.Tls.ServerName = "broker.example.org";
        await using (var client = new MqttClient(wrongName))
        {
            var error = await Assert.ThrowsAsync<MqttCommunicationException>(() => client.ConnectAsync()).Within();
            Assert.Contains("TLS", error.Message);
        }

        var untrusted = Options(_tlsPort, UniqueId("tls"));
        untrusted.Tls = MqttTlsOptions.FromPemFiles(caFile: null, _pki.ClientCertFile, _pki.ClientKeyFile); // system store only
        await using (var client = new MqttClient(untrusted))
        {
            await Assert.ThrowsAsync<MqttCommunicationException>(() => client.ConnectAsync()).Within();
        }

        var fromUrl = MqttClientOptions.FromUrl($"mqtts://127.0.0.1:{_tlsPort}");
        Assert.NotNull(fromUrl.Tls);
        fromUrl.Tls = MqttTlsOptions.FromPemFiles(_pki.CaFile, _pki.ClientCertFile, _pki.ClientKeyFile); // IP address checked against IP:127.0.0.1
        fromUrl.ClientId = UniqueId("tls");
        await using (var client = new MqttClient(fromUrl))
        {
            await client.ConnectAsync().Within();
        }
    }

    [Fact]
    public async Task A_broker_requiring_a_client_certificate_rejects_a_client_without_one()
    {
        var options = Options(_tlsPort, UniqueId("tls"));
        options.Tls = MqttTlsOptions.FromPemFiles(_pki.CaFile);
        await using var client = new MqttClient(options);
        await Assert.ThrowsAnyAsync<MqttException>(() => client.ConnectAsync()).Within();
        Assert.False(client.IsConnected);
    }
}
