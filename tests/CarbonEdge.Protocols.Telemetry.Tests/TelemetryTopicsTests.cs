using CarbonEdge.Protocols.Telemetry;

namespace CarbonEdge.Protocols.Telemetry.Tests;

public class TelemetryTopicsTests
{
    [Fact]
    public void Builds_the_contract_topics()
    {
        Assert.Equal("carbonedge/v1/plant-01/gw-01/telemetry", TelemetryTopics.Telemetry("plant-01", "gw-01"));
        Assert.Equal("carbonedge/v1/plant-01/gw-01/status", TelemetryTopics.Status("plant-01", "gw-01"));
        Assert.Equal("carbonedge/v1/plant-01/gw-01/reply", TelemetryTopics.Reply("plant-01", "gw-01"));
        Assert.Equal("carbonedge/v1/plant-01/gw-01/cmd/read-now", TelemetryTopics.Command("plant-01", "gw-01", "read-now"));
        Assert.Equal("carbonedge/v1/plant-01/gw-01/cmd/+", TelemetryTopics.Command("plant-01", "gw-01", "+"));
    }

    [Theory]
    [InlineData("Plant-01")]
    [InlineData("plant_01")]
    [InlineData("")]
    [InlineData("plant/01")]
    [InlineData("+")]
    public void Refuses_ids_outside_the_pattern(string site)
    {
        Assert.Throws<ArgumentException>(() => TelemetryTopics.Telemetry(site, "gw-01"));
        Assert.False(TelemetryTopics.IsValidId(site));
    }

    [Fact]
    public void Id_length_is_limited_to_64()
    {
        Assert.True(TelemetryTopics.IsValidId(new string('a', 64)));
        Assert.False(TelemetryTopics.IsValidId(new string('a', 65)));
    }

    [Theory]
    [InlineData("carbonedge/v1/plant-01/gw-01/telemetry", TopicKind.Telemetry, null)]
    [InlineData("carbonedge/v1/plant-01/gw-01/status", TopicKind.Status, null)]
    [InlineData("carbonedge/v1/plant-01/gw-01/reply", TopicKind.Reply, null)]
    [InlineData("carbonedge/v1/plant-01/gw-01/cmd/read-now", TopicKind.Command, "read-now")]
    public void Parses_contract_topics(string topic, TopicKind kind, string? command)
    {
        Assert.True(TelemetryTopics.TryParse(topic, out var address));
        Assert.Equal(new TopicAddress(kind, "plant-01", "gw-01", command), address);
    }

    [Theory]
    [InlineData("carbonedge/v2/plant-01/gw-01/telemetry")]
    [InlineData("carbonedge/v1/plant-01/telemetry")]
    [InlineData("carbonedge/v1/plant-01/gw-01/telemetry/extra")]
    [InlineData("carbonedge/v1/PLANT/gw-01/telemetry")]
    [InlineData("carbonedge/v1/plant-01/gw-01/cmd")]
    [InlineData("carbonedge/v1/plant-01/gw-01/events")]
    public void Other_topics_do_not_parse(string topic)
    {
        Assert.False(TelemetryTopics.TryParse(topic, out _));
    }
}
