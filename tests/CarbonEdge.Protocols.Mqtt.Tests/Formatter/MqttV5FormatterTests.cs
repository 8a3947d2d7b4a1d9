using CarbonEdge.Protocols.Mqtt.Formatter;
using CarbonEdge.Protocols.Mqtt.Packets;

namespace CarbonEdge.Protocols.Mqtt.Tests.Formatter;

public class MqttV5FormatterTests
{
    private const MqttProtocolVersion V5 = MqttProtocolVersion.V500;

    /// <summary>Golden MQTT 5 packets laid out by hand from the clauses (the spec gives no whole-packet bytes).</summary>
    public static TheoryData<string, string> Golden => new()
    {
        // §3.1.2: "MQTT", level 5, clean start, keep-alive 60, no properties, empty client id.
        { "CONNECT minimal", "10 0D 0004 4D515454 05 02 003C 00 0000" },
        // §3.1.2.11: session expiry 0xFFFFFFFF (0x11), receive maximum 10 (0x21), user property a=b (0x26).
        { "CONNECT properties", "10 1C 0004 4D515454 05 00 003C 0F 11FFFFFFFF 21000A 26000161000162 0000" },
        // §3.1.3.2: will with will delay 5 s (0x18), topic "w", payload "x", user "u", password "p" (password alone is allowed in 5.0).
        { "CONNECT will", "10 22 0004 4D515454 05 EE 000A 00 0003 636964 05 1800000005 0001 77 0001 78 0001 75 0001 70" },
        { "CONNACK plain", "20 03 00 00 00" },
        { "CONNACK refused 0x87", "20 03 00 87 00" },
        // §3.2.2.3: receive maximum 20, topic alias maximum 10, maximum QoS 1.
        { "CONNACK limits", "20 0B 01 00 08 210014 22000A 2401" },
        // §3.3.2.3: content type "a" (0x03), user property k=v.
        { "PUBLISH QoS 1 properties", "32 15 0003 612F62 000A 0B 03000161 2600016B000176 6869" },
        { "PUBLISH QoS 0", "30 07 0003 612F62 00 78" },
        // §3.3.2.3.4: empty topic with topic alias 3.
        { "PUBLISH alias", "30 07 0000 03 230003 78" },
        // §3.3.2.3.8: subscription identifiers 1 and 200.
        { "PUBLISH subscription ids", "30 0C 0003 612F62 05 0B01 0BC801 78" },
        // §3.4.2.1: shortest form (success), reason only, reason and reason string.
        { "PUBACK short", "40 02 000A" },
        { "PUBACK no subscribers", "40 03 000A 10" },
        { "PUBACK not authorized", "40 08 000A 87 04 1F000178" },
        { "PUBREC", "50 02 000A" },
        { "PUBREL", "62 02 000A" },
        { "PUBCOMP not found", "70 03 000A 92" },
        // §3.8.3.1: "a/b" QoS 1, no local, retain as published, retain handling 2; subscription identifier 5.
        { "SUBSCRIBE options", "82 0B 000A 02 0B05 0003 612F62 2D" },
        { "SUBACK", "90 05 000A 00 01 87" },
        { "UNSUBSCRIBE", "A2 08 000A 00 0003 612F62" },
        { "UNSUBACK", "B0 05 000A 00 00 11" },
        { "PINGREQ", "C0 00" },
        { "PINGRESP", "D0 00" },
        { "DISCONNECT normal", "E0 00" },
        { "DISCONNECT malformed", "E0 01 81" },
        { "DISCONNECT session expiry", "E0 07 00 05 110000003C" },
        { "AUTH success", "F0 00" },
        // §3.15.2.2: continue authentication, method "SCRAM".
        { "AUTH continue", "F0 0A 18 08 1500055343524141" },
    };

    [Theory]
    [MemberData(nameof(Golden))]
    public void Golden_packets_decode_and_encode_back_to_the_same_bytes(string name, string hex)
    {
        byte[] bytes = Hex.Parse(hex);
        var status = MqttPacketFormatter.TryDecode(bytes, V5, out var packet, out int consumed, out var error);
        Assert.True(status == DecodeStatus.Complete, $"{name}: {status} {error}");
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal(Hex.Format(bytes), Hex.Format(MqttPacketFormatter.Encode(packet!, V5)));
    }

    [Theory]
    [MemberData(nameof(Golden))]
    public void Every_prefix_of_a_golden_packet_needs_more_data(string name, string hex)
    {
        byte[] bytes = Hex.Parse(hex);
        for (int length = 0; length < bytes.Length; length++)
        {
            var status = MqttPacketFormatter.TryDecode(bytes.AsSpan(0, length), V5, out _, out int consumed, out _);
            Assert.True(status == DecodeStatus.NeedMoreData, $"{name}: prefix {length} gave {status}");
            Assert.Equal(0, consumed);
        }
    }

    [Fact]
    public void Properties_land_in_their_fields()
    {
        var connAck = Decode<MqttConnAckPacket>("20 0B 01 00 08 210014 22000A 2401");
        Assert.True(connAck.SessionPresent);
        Assert.Equal((ushort)20, connAck.ReceiveMaximum);
        Assert.Equal(10, connAck.TopicAliasMaximum);
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, connAck.MaximumQoS);

        var publish = Decode<MqttPublishPacket>("32 15 0003 612F62 000A 0B 03000161 2600016B000176 6869");
        Assert.Equal("a", publish.Message.ContentType);
        Assert.Equal([new MqttUserProperty("k", "v")], publish.Message.UserProperties);

        var subscribe = Decode<MqttSubscribePacket>("82 0B 000A 02 0B05 0003 612F62 2D");
        var filter = Assert.Single(subscribe.Filters);
        Assert.Equal((5u, MqttQualityOfServiceLevel.AtLeastOnce, true, true, MqttRetainHandling.DoNotSend),
            (subscribe.SubscriptionIdentifier, filter.QualityOfService, filter.NoLocal, filter.RetainAsPublished, filter.RetainHandling));

        var pubAck = Decode<MqttPubAckPacket>("40 08 000A 87 04 1F000178");
        Assert.Equal((MqttPubAckReasonCode.NotAuthorized, "x"), (pubAck.ReasonCode, pubAck.ReasonString));

        var connect = Decode<MqttConnectPacket>("10 22 0004 4D515454 05 EE 000A 00 0003 636964 05 1800000005 0001 77 0001 78 0001 75 0001 70");
        Assert.Equal(5u, connect.WillDelayInterval);
        Assert.Equal("w", connect.Will!.Topic);
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, connect.Will.QualityOfService);

        Assert.Equal([1u, 200u], Decode<MqttPublishPacket>("30 0C 0003 612F62 05 0B01 0BC801 78").Message.SubscriptionIdentifiers);
    }

    [Theory]
    [InlineData("30 0E 0003 612F62 08 03000161 03000162 78", MqttDecodeError.DuplicateProperty)] // content type twice
    [InlineData("30 0C 0003 612F62 05 1100000001 78", MqttDecodeError.InvalidProperty)] // session expiry in PUBLISH
    [InlineData("30 09 0003 612F62 02 7F00 78", MqttDecodeError.InvalidProperty)] // unknown identifier
    [InlineData("30 08 0003 612F62 05 0300", MqttDecodeError.Truncated)] // property length past the packet
    [InlineData("30 09 0003 612F62 03 030005 78", MqttDecodeError.Truncated)] // string past the property block
    [InlineData("30 08 0003 612F62 02 0102", MqttDecodeError.InvalidPropertyValue)] // payload format 2
    [InlineData("30 09 0003 612F62 03 230000", MqttDecodeError.InvalidPropertyValue)] // topic alias 0
    [InlineData("30 03 0000 00", MqttDecodeError.InvalidTopicName)] // empty topic without alias
    [InlineData("20 06 00 00 03 210000", MqttDecodeError.InvalidPropertyValue)] // receive maximum 0
    [InlineData("20 05 00 00 02 2402", MqttDecodeError.InvalidPropertyValue)] // maximum QoS 2
    [InlineData("20 03 00 05 00", MqttDecodeError.InvalidReasonCode)] // 3.1.1 return code on a 5.0 connection
    [InlineData("40 03 000A 05", MqttDecodeError.InvalidReasonCode)]
    [InlineData("E0 01 05", MqttDecodeError.InvalidReasonCode)]
    [InlineData("82 09 000A 00 0003 612F62 31", MqttDecodeError.InvalidSubscriptionOptions)] // retain handling 3
    [InlineData("82 09 000A 00 0003 612F62 41", MqttDecodeError.InvalidSubscriptionOptions)] // reserved bit 6
    [InlineData("40 0B 000A 00 07 26 0001 C3 0001 62", MqttDecodeError.InvalidUtf8)] // user property name ill-formed
    [InlineData("40 09 000A 00 04 1F 0001 61 FF", MqttDecodeError.UnexpectedTrailingBytes)]
    [InlineData("30 0C 0003 612F62 06 0B 80 80 80 80 01", MqttDecodeError.MalformedRemainingLength)] // subscription id VBI of 5 bytes
    public void Malformed_packets_are_invalid_with_the_reason(string hex, MqttDecodeError expected)
    {
        var status = MqttPacketFormatter.TryDecode(Hex.Parse(hex), V5, out var packet, out _, out var error);
        Assert.Equal(DecodeStatus.Invalid, status);
        Assert.Equal(expected, error);
        Assert.Null(packet);
    }

    [Fact]
    public void Decode_errors_map_to_the_disconnect_reason_codes_of_section_4_13()
    {
        Assert.Equal(MqttDisconnectReasonCode.MalformedPacket, MqttDecodeError.InvalidUtf8.ToDisconnectReason());
        Assert.Equal(MqttDisconnectReasonCode.MalformedPacket, MqttDecodeError.Truncated.ToDisconnectReason());
        Assert.Equal(MqttDisconnectReasonCode.ProtocolError, MqttDecodeError.DuplicateProperty.ToDisconnectReason());
        Assert.Equal(MqttDisconnectReasonCode.ProtocolError, MqttDecodeError.MissingPacketIdentifier.ToDisconnectReason());
    }

    private static T Decode<T>(string hex) where T : MqttPacket
    {
        var status = MqttPacketFormatter.TryDecode(Hex.Parse(hex), V5, out var packet, out _, out var error);
        Assert.True(status == DecodeStatus.Complete, $"{status} {error}");
        return Assert.IsType<T>(packet);
    }
}
