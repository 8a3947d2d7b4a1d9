using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace CarbonEdge.Protocols.BrokerLink.Tests;

/// <summary>Password file, ACL and TLS on a real mosquitto: refusals carry their reason code.</summary>
public sealed class SecurityTests(SecuredBroker secured) : IClassFixture<SecuredBroker>
{
    private static MqttApplicationMessage Message(string topic, string text) => new MqttApplicationMessageBuilder()
        .WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(text)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    [Theory]
    [InlineData("3.1.1")]
    [InlineData("5")]
    public async Task A_wrong_password_is_refused_with_its_reason_code(string version)
    {
        await using var link = new BrokerLink(secured.Login("meter", "wrong", version));
        var error = await Assert.ThrowsAsync<BrokerRefusedException>(() => link.ConnectOnceAsync(CancellationToken.None)).WaitAsync(SecuredBroker.Wait);
        Assert.Equal("NotAuthorized", error.ReasonCode);
        Assert.Contains("0x87", error.Message);
        Assert.Contains("password", error.Message);
        Assert.Equal(error.Message, link.LastRefusal);
    }

    [Fact]
    public async Task An_acl_denial_is_reported_with_its_reason_code_on_mqtt5()
    {
        await using var link = new BrokerLink(secured.Login("meter", "s3cret", "5"));
        await link.ConnectOnceAsync(CancellationToken.None).WaitAsync(SecuredBroker.Wait);
        var allowed = await link.Client.PublishAsync(Message("carbonedge/allowed/x", "ok")).WaitAsync(SecuredBroker.Wait);
        Assert.True(allowed.IsSuccess, allowed.ReasonCode.ToString());
        var denied = await link.Client.PublishAsync(Message("carbonedge/denied/x", "no")).WaitAsync(SecuredBroker.Wait);
        Assert.False(denied.IsSuccess);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, denied.ReasonCode);
        Assert.True(link.IsConnected);
    }

    [Fact]
    public async Task Tls_with_the_ca_file_carries_traffic_and_a_foreign_ca_is_refused_by_name()
    {
        var settings = secured.Login("admin", "adm1n");
        await using (var link = new BrokerLink(settings))
        {
            await link.ConnectOnceAsync(CancellationToken.None).WaitAsync(SecuredBroker.Wait);
            var published = await link.Client.PublishAsync(Message("secure/a", "over tls")).WaitAsync(SecuredBroker.Wait);
            Assert.True(published.IsSuccess);
        }

        var other = CarbonEdge.Testing.TestCertificates.Create("brokerlink-other-pki");
        await using (var link = new BrokerLink(settings with { CaFile = other.CaFile }))
        {
            var error = await Assert.ThrowsAsync<BrokerRefusedException>(() => link.ConnectOnceAsync(CancellationToken.None)).WaitAsync(SecuredBroker.Wait);
            Assert.Equal("CertificateNotTrusted", error.ReasonCode);
            Assert.Contains("certificate not trusted", error.Message);
        }
    }
}
