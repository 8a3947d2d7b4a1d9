using System.Text;
using CarbonEdge.Protocols.Mqtt.Formatter;
using CarbonEdge.Protocols.Mqtt.Packets;

namespace CarbonEdge.Protocols.Mqtt.Tests.Formatter;

public class MqttV3FormatterTests
{
    private const MqttProtocolVersion V3 = MqttProtocolVersion.V311;

    /// <summary>Golden packets: MQTT 3.1.1 figures where the spec gives bytes, the rest laid out by hand from the clauses.</summary>
    public static TheoryData<string, string> Golden => new()
    {
        // §3.1.2.10 Figure 3.6 variable header (flags 0xCE, keep-alive 10) with client id "cid", will "w"/"x", user "u", password "p".
        { "CONNECT", "10 1B 0004 4D515454 04 CE 000A 0003 636964 0001 77 0001 78 0001 75 0001 70" },
        // clean session only, empty client id, keep-alive 60.
        { "CONNECT minimal", "10 0C 0004 4D515454 04 02 003C 0000" },
        { "CONNACK session present", "20 02 01 00" },
        { "CONNACK not authorized", "20 02 00 05" },
        // §3.3.2.3 Figure 3.11: topic "a/b", packet identifier 10; payload "hi", QoS 1.
        { "PUBLISH QoS 1", "32 09 0003 612F62 000A 6869" },
        { "PUBLISH QoS 0 retained DUP-free", "31 05 0003 612F62" },
        { "PUBLISH QoS 2 DUP", "3C 07 0003 612F62 FFFF" },
        { "PUBACK", "40 02 000A" },
        { "PUBREC", "50 02 000A" },
        { "PUBREL", "62 02 000A" },
        { "PUBCOMP", "70 02 000A" },
        // §3.8.3 Figure 3.20/3.21: packet identifier 10, "a/b" QoS 1, "c/d" QoS 2.
        { "SUBSCRIBE", "82 0E 000A 0003 612F62 01 0003 632F64 02" },
        // §3.9.3 Figure 3.26: return codes 0, 1, 2, failure.
        { "SUBACK", "90 06 000A 00 01 02 80" },
        // §3.10.3 Figure 3.30: "a/b", "c/d".
        { "UNSUBSCRIBE", "A2 0C 000A 0003 612F62 0003 632F64" },
        { "UNSUBACK", "B0 02 000A" },
        { "PINGREQ", "C0 00" },
        { "PINGRESP", "D0 00" },
        { "DISCONNECT", "E0 00" },
    };

    [Theory]
    [MemberData(nameof(Golden))]
    public void Golden_packets_decode_and_encode_back_to_the_same_bytes(string name, string hex)
    {
        byte[] bytes = Hex.Parse(hex);
        Assert.Equal(DecodeStatus.Complete, MqttPacketFormatter.TryDecode(bytes, V3, out var packet, out int consumed, out var error));
        Assert.Equal(MqttDecodeError.None, error);
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal(Hex.Format(bytes), Hex.Format(MqttPacketFormatter.Encode(packet!, V3)));
        Assert.NotNull(name);
    }

    [Theory]
    [MemberData(nameof(Golden))]
    public void Every_prefix_of_a_golden_packet_needs_more_data(string name, string hex)
    {
        byte[] bytes = Hex.Parse(hex);
        for (int length = 0; length < bytes.Length; length++)
        {
            var status = MqttPacketFormatter.TryDecode(bytes.AsSpan(0, length), V3, out var packet, out int consumed, out _);
            Assert.True(status == DecodeStatus.NeedMoreData, $"{name}: prefix {length} gave {status}");
            Assert.Equal(0, consumed);
            Assert.Null(packet);
        }
    }

    [Fact]
    public void Connect_fields_match_figure_3_6()
    {
        var packet = Decode<MqttConnectPacket>("10 1B 0004 4D515454 04 CE 000A 0003 636964 0001 77 0001 78 0001 75 0001 70");
        Assert.Equal("cid", packet.ClientId);
        Assert.True(packet.CleanSession);
        Assert.Equal(10, packet.KeepAliveSeconds);
        Assert.Equal("w", packet.Will!.Topic);
        Assert.Equal("x", Encoding.UTF8.GetString(packet.Will.Payload.Span));
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, packet.Will.QualityOfService);
        Assert.False(packet.Will.Retain);
        Assert.Equal("u", packet.Username);
        Assert.Equal("p"u8.ToArray(), packet.Password);
    }

    [Fact]
    public void Connack_return_codes_map_to_mqtt5_reason_codes()
    {
        Assert.Equal(MqttConnectReasonCode.UnsupportedProtocolVersion, Decode<MqttConnAckPacket>("20 02 00 01").ReasonCode);
        Assert.Equal(MqttConnectReasonCode.ClientIdentifierNotValid, Decode<MqttConnAckPacket>("20 02 00 02").ReasonCode);
        Assert.Equal(MqttConnectReasonCode.ServerUnavailable, Decode<MqttConnAckPacket>("20 02 00 03").ReasonCode);
        Assert.Equal(MqttConnectReasonCode.BadUserNameOrPassword, Decode<MqttConnAckPacket>("20 02 00 04").ReasonCode);
        Assert.Equal(MqttConnectReasonCode.NotAuthorized, Decode<MqttConnAckPacket>("20 02 00 05").ReasonCode);
        Assert.True(Decode<MqttConnAckPacket>("20 02 01 00").SessionPresent);
    }

    [Fact]
    public void Publish_fields_and_utf8_topic_from_section_1_5_3()
    {
        // §1.5.3.1: "A" U+2A6D4 encodes as 00 05 41 F0 AA 9B 94.
        var message = new MqttApplicationMessage("A\U0002A6D4", "x"u8.ToArray()) { QualityOfService = MqttQualityOfServiceLevel.AtMostOnce };
        byte[] bytes = MqttPacketFormatter.Encode(new MqttPublishPacket(message), V3);
        Assert.Equal("3008" + "000541F0AA9B94" + "78", Hex.Format(bytes));
        var decoded = Decode<MqttPublishPacket>(Hex.Format(bytes));
        Assert.Equal("A\U0002A6D4", decoded.Message.Topic);

        var qos1 = Decode<MqttPublishPacket>("3B 09 0003 612F62 000A 6869");
        Assert.True(qos1.Dup);
        Assert.True(qos1.Message.Retain);
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, qos1.Message.QualityOfService);
        Assert.Equal(10, qos1.PacketIdentifier);
        Assert.Equal("hi", Encoding.UTF8.GetString(qos1.Message.Payload.Span));
    }

    [Fact]
    public void Two_packets_in_one_buffer_decode_one_after_the_other()
    {
        byte[] bytes = Hex.Parse("40 02 000A D0 00 32 09 0003 612F62 000B 6869");
        int offset = 0;
        var types = new List<MqttControlPacketType>();
        while (offset < bytes.Length)
        {
            Assert.Equal(DecodeStatus.Complete, MqttPacketFormatter.TryDecode(bytes.AsSpan(offset), V3, out var packet, out int consumed, out _));
            types.Add(packet!.Type);
            offset += consumed;
        }
        Assert.Equal([MqttControlPacketType.PubAck, MqttControlPacketType.PingResp, MqttControlPacketType.Publish], types);
    }

    [Theory]
    [InlineData("00 00", MqttDecodeError.ReservedPacketType)]
    [InlineData("F0 00", MqttDecodeError.ReservedPacketType)] // AUTH does not exist in 3.1.1
    [InlineData("80 0E 000A 0003 612F62 01 0003 632F64 02", MqttDecodeError.InvalidFixedHeaderFlags)] // SUBSCRIBE flags must be 0010
    [InlineData("41 02 000A", MqttDecodeError.InvalidFixedHeaderFlags)]
    [InlineData("30 FF FF FF FF 7F", MqttDecodeError.MalformedRemainingLength)]
    [InlineData("36 07 0003 612F62 000A", MqttDecodeError.InvalidFlags)] // QoS 3
    [InlineData("38 05 0003 612F62", MqttDecodeError.InvalidFlags)] // DUP on QoS 0
    [InlineData("30 05 0003 612F2B", MqttDecodeError.InvalidTopicName)] // "a/+"
    [InlineData("30 05 0003 612F23", MqttDecodeError.InvalidTopicName)] // "a/#"
    [InlineData("30 02 0000", MqttDecodeError.InvalidTopicName)] // empty topic
    [InlineData("30 04 0002 C328", MqttDecodeError.InvalidUtf8)] // ill-formed UTF-8
    [InlineData("30 05 0003 610062", MqttDecodeError.InvalidUtf8)] // U+0000
    [InlineData("30 05 0003 EDA080", MqttDecodeError.InvalidUtf8)] // encoded surrogate U+D800
    [InlineData("30 03 0005 61", MqttDecodeError.Truncated)] // string longer than the packet
    [InlineData("32 05 0003 612F62", MqttDecodeError.Truncated)] // QoS 1 without packet identifier
    [InlineData("32 07 0003 612F62 0000", MqttDecodeError.MissingPacketIdentifier)]
    [InlineData("40 02 0000", MqttDecodeError.MissingPacketIdentifier)]
    [InlineData("40 03 000A 00", MqttDecodeError.UnexpectedTrailingBytes)]
    [InlineData("40 01 0A", MqttDecodeError.Truncated)]
    [InlineData("90 03 000A 03", MqttDecodeError.InvalidReasonCode)]
    [InlineData("90 02 000A", MqttDecodeError.EmptyPayload)]
    [InlineData("82 02 000A", MqttDecodeError.EmptyPayload)]
    [InlineData("82 08 000A 0003 612F62 04", MqttDecodeError.InvalidSubscriptionOptions)]
    [InlineData("A2 02 000A", MqttDecodeError.EmptyPayload)]
    [InlineData("20 02 02 00", MqttDecodeError.InvalidFlags)] // CONNACK reserved bits
    [InlineData("20 02 00 06", MqttDecodeError.InvalidReasonCode)]
    [InlineData("20 03 00 00 00", MqttDecodeError.UnexpectedTrailingBytes)]
    [InlineData("D0 01 00", MqttDecodeError.UnexpectedTrailingBytes)]
    [InlineData("10 0C 0004 4D515454 05 02 003C 0000", MqttDecodeError.UnsupportedProtocol)] // level 5 on a 3.1.1 decoder
    [InlineData("10 0C 0004 4D515454 04 03 003C 0000", MqttDecodeError.InvalidFlags)] // reserved connect flag
    [InlineData("10 0C 0004 4D515454 04 42 003C 0000", MqttDecodeError.InvalidFlags)] // password without user name
    public void Malformed_packets_are_invalid_with_the_reason(string hex, MqttDecodeError expected)
    {
        var status = MqttPacketFormatter.TryDecode(Hex.Parse(hex), V3, out var packet, out _, out var error);
        Assert.Equal(DecodeStatus.Invalid, status);
        Assert.Equal(expected, error);
        Assert.Null(packet);
    }

    [Fact]
    public void A_packet_over_the_size_limit_is_rejected_from_its_header()
    {
        // Only the fixed header of a 1 MiB PUBLISH has arrived: the limit is known to be exceeded already.
        var status = MqttPacketFormatter.TryDecode(Hex.Parse("30 80 80 40"), V3, out _, out _, out var error, maximumPacketSize: 64 * 1024);
        Assert.Equal(DecodeStatus.Invalid, status);
        Assert.Equal(MqttDecodeError.PacketTooLarge, error);
        Assert.Equal(MqttDisconnectReasonCode.PacketTooLarge, error.ToDisconnectReason());
    }

    [Fact]
    public void Packets_that_3_1_1_cannot_express_are_refused_on_encode()
    {
        Assert.Throws<ArgumentException>(() => MqttPacketFormatter.Encode(new MqttAuthPacket(), V3));
        Assert.Throws<ArgumentException>(() => MqttPacketFormatter.Encode(new MqttConnAckPacket { ReasonCode = MqttConnectReasonCode.Banned }, V3));
        Assert.Throws<ArgumentException>(() => MqttPacketFormatter.Encode(new MqttConnectPacket { Password = [1] }, V3));
        var qos1WithoutId = new MqttPublishPacket(new MqttApplicationMessage("t", ReadOnlyMemory<byte>.Empty) { QualityOfService = MqttQualityOfServiceLevel.AtLeastOnce });
        Assert.Throws<ArgumentException>(() => MqttPacketFormatter.Encode(qos1WithoutId, V3));
    }

    private static T Decode<T>(string hex) where T : MqttPacket
    {
        Assert.Equal(DecodeStatus.Complete, MqttPacketFormatter.TryDecode(Hex.Parse(hex), V3, out var packet, out _, out var error));
        Assert.Equal(MqttDecodeError.None, error);
        return Assert.IsType<T>(packet);
    }
}
