namespace CarbonEdge.Protocols.Mqtt.Tests;

public class TopicTests
{
    // MQTT 3.1.1 §4.7.1.2, §4.7.1.3, §4.7.2 and MQTT 5.0 §4.8.2 examples.
    [Theory]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1", true)]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1/ranking", true)]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon", true)]
    [InlineData("sport/#", "sport", true)]
    [InlineData("#", "sport/tennis", true)]
    [InlineData("sport/tennis/+", "sport/tennis/player1", true)]
    [InlineData("sport/tennis/+", "sport/tennis/player1/ranking", false)]
    [InlineData("sport/+", "sport", false)]
    [InlineData("sport/+", "sport/", true)]
    [InlineData("+/+", "/finance", true)]
    [InlineData("/+", "/finance", true)]
    [InlineData("+", "/finance", false)]
    [InlineData("#", "$SYS/broker/uptime", false)]
    [InlineData("+/monitor/Clients", "$SYS/monitor/Clients", false)]
    [InlineData("$SYS/#", "$SYS/monitor/Clients", true)]
    [InlineData("$SYS/monitor/+", "$SYS/monitor/Clients", true)]
    [InlineData("carbonedge/v1/+/+/telemetry", "carbonedge/v1/plant-01/gw-01/telemetry", true)]
    [InlineData("carbonedge/v1/+/+/telemetry", "carbonedge/v1/plant-01/gw-01/status", false)]
    [InlineData("$share/ingest/carbonedge/v1/+/+/telemetry", "carbonedge/v1/plant-01/gw-01/telemetry", true)]
    [InlineData("a/b", "a/b", true)]
    [InlineData("a/b", "a/B", false)]
    public void Matches_as_the_spec_examples_say(string filter, string topic, bool expected) =>
        Assert.Equal(expected, MqttTopic.Matches(filter, topic));

    [Theory]
    [InlineData("sport/tennis/#", true)]
    [InlineData("#", true)]
    [InlineData("+", true)]
    [InlineData("+/tennis/#", true)]
    [InlineData("sport/+/player1", true)]
    [InlineData("$share/group/a/+", true)]
    [InlineData("sport/tennis#", false)]
    [InlineData("sport/tennis/#/ranking", false)]
    [InlineData("sport+", false)]
    [InlineData("", false)]
    [InlineData("$share/group", false)]
    [InlineData("$share//a", false)]
    [InlineData("$share/g+/a", false)]
    public void Validates_topic_filters(string filter, bool valid) => Assert.Equal(valid, MqttTopic.IsValidTopicFilter(filter));

    [Theory]
    [InlineData("a/b", true)]
    [InlineData("/", true)]
    [InlineData("", false)]
    [InlineData("a/+", false)]
    [InlineData("a/#", false)]
    [InlineData("a\0b", false)]
    public void Validates_topic_names(string topic, bool valid) => Assert.Equal(valid, MqttTopic.IsValidTopicName(topic));

    [Fact]
    public void A_lone_surrogate_is_not_a_topic()
    {
        // Built at run time: an attribute argument cannot carry a lone surrogate.
        Assert.False(MqttTopic.IsValidTopicName("a" + (char)0xD800));
        Assert.False(MqttTopic.IsValidTopicFilter("a/" + (char)0xDC00));
        Assert.True(MqttTopic.IsValidTopicName("a\U0002A6D4"));
    }

    [Fact]
    public void Splits_shared_subscriptions()
    {
        Assert.True(MqttTopic.TryParseShared("$share/ingest/carbonedge/#", out string group, out string inner));
        Assert.Equal("ingest", group);
        Assert.Equal("carbonedge/#", inner);
        Assert.False(MqttTopic.TryParseShared("carbonedge/#", out _, out _));
    }
}
