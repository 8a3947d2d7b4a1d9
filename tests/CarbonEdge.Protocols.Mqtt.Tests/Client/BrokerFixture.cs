using CarbonEdge.Testing;

namespace CarbonEdge.Protocols.Mqtt.Tests.Client;

/// <summary>One real mosquitto for the tests of a class; tests use their own topics and client ids.</summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    public MosquittoBroker Broker { get; private set; } = null!;

    public async Task InitializeAsync() => Broker = await MosquittoBroker.StartAsync("mqtt-client");

    public async Task DisposeAsync() => await Broker.DisposeAsync();
}
