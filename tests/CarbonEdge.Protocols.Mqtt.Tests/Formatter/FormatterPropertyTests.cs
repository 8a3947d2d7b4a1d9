using System.Buffers;
using CarbonEdge.Protocols.Mqtt.Formatter;
using CarbonEdge.Protocols.Mqtt.Packets;
using FsCheck;
using FsCheck.Fluent;

namespace CarbonEdge.Protocols.Mqtt.Tests.Formatter;

/// <summary>FsCheck properties: encode then decode gives the same packet back, on both versions; no input crashes the decoder.</summary>
public class FormatterPropertyTests
{
    private static readonly Gen<string> TopicLevel = Gen.Elements("a", "b", "plant-01", "gw-01", "telemetry", "温度", "µ", "x y", "");

    private static readonly Gen<string> TopicName =
        Gen.NonEmptyListOf(TopicLevel).Select(levels => string.Join('/', levels)).Where(t => t.Length > 0);

    private static readonly Gen<byte[]> Payload = Gen.Choose(0, 600).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));

    private static readonly Gen<MqttUserProperty> UserProperty =
        Gen.Zip(TopicLevel, TopicLevel).Select(pair => new MqttUserProperty(pair.Item1, pair.Item2));

    private static Gen<MqttPublishPacket> Publish(MqttProtocolVersion version) =>
        from topic in TopicName
        from payload in Payload
        from qos in Gen.Choose(0, 2)
        from retain in Gen.Elements(true, false)
        from dup in Gen.Elements(true, false)
        from id in Gen.Choose(1, 65535)
        from contentType in Gen.Elements<string?>(null, "application/json")
        from expiry in Gen.Elements<uint?>(null, 0u, 3600u, uint.MaxValue)
        from properties in Gen.ListOf(UserProperty, 3)
        select new MqttPublishPacket(new MqttApplicationMessage(topic, payload)
        {
            QualityOfService = (MqttQualityOfServiceLevel)qos,
            Retain = retain,
            ContentType = version == MqttProtocolVersion.V500 ? contentType : null,
            MessageExpiryInterval = version == MqttProtocolVersion.V500 ? expiry : null,
            UserProperties = version == MqttProtocolVersion.V500 ? [.. properties] : [],
        })
        {
            Dup = dup && qos > 0,
            PacketIdentifier = qos > 0 ? (ushort)id : (ushort)0,
        };

    private static Gen<MqttPacket> Acknowledgement =>
        from type in Gen.Choose(0, 3)
        from id in Gen.Choose(1, 65535)
        select type switch
        {
            0 => (MqttPacket)new MqttPubAckPacket { PacketIdentifier = (ushort)id },
            1 => new MqttPubRecPacket { PacketIdentifier = (ushort)id },
            2 => new MqttPubRelPacket { PacketIdentifier = (ushort)id },
            _ => new MqttPubCompPacket { PacketIdentifier = (ushort)id },
        };

    private static Gen<MqttPacket> Subscribe =>
        from filters in Gen.NonEmptyListOf(Gen.Zip(TopicName, Gen.Choose(0, 2)))
        from id in Gen.Choose(1, 65535)
        select (MqttPacket)new MqttSubscribePacket
        {
            PacketIdentifier = (ushort)id,
            Filters = [.. filters.Select(f => new MqttTopicFilter(f.Item1, (MqttQualityOfServiceLevel)f.Item2))],
        };

    private static Gen<MqttPacket> AnyPacket(MqttProtocolVersion version) =>
        Gen.OneOf(Publish(version).Select(p => (MqttPacket)p), Acknowledgement, Subscribe);

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void Encode_then_decode_is_the_identity_on_the_wire(MqttProtocolVersion version)
    {
        Prop.ForAll(AnyPacket(version).ToArbitrary(), packet =>
        {
            byte[] bytes = MqttPacketFormatter.Encode(packet, version);
            var status = MqttPacketFormatter.TryDecode(bytes, version, out var decoded, out int consumed, out var error);
            return status == DecodeStatus.Complete && error == MqttDecodeError.None && consumed == bytes.Length &&
                   decoded!.Type == packet.Type && MqttPacketFormatter.Encode(decoded, version).AsSpan().SequenceEqual(bytes);
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void Publish_fields_survive_a_round_trip(MqttProtocolVersion version)
    {
        Prop.ForAll(Publish(version).ToArbitrary(), packet =>
        {
            MqttPacketFormatter.TryDecode(MqttPacketFormatter.Encode(packet, version), version, out var decoded, out _, out _);
            var message = ((MqttPublishPacket)decoded!).Message;
            return message.Topic == packet.Message.Topic && message.Payload.Span.SequenceEqual(packet.Message.Payload.Span) &&
                   message.QualityOfService == packet.Message.QualityOfService && message.Retain == packet.Message.Retain &&
                   message.ContentType == packet.Message.ContentType && message.MessageExpiryInterval == packet.Message.MessageExpiryInterval &&
                   message.UserProperties.SequenceEqual(packet.Message.UserProperties) &&
                   ((MqttPublishPacket)decoded).PacketIdentifier == packet.PacketIdentifier && ((MqttPublishPacket)decoded).Dup == packet.Dup;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void Any_bytes_decode_to_a_status_without_throwing(MqttProtocolVersion version)
    {
        var bytes = Gen.Choose(0, 64).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));
        Prop.ForAll(bytes.ToArbitrary(), input =>
        {
            var status = MqttPacketFormatter.TryDecode(input, version, out var packet, out int consumed, out var error);
            return status switch
            {
                DecodeStatus.Complete => packet is not null && consumed > 0 && consumed <= input.Length && error == MqttDecodeError.None,
                DecodeStatus.NeedMoreData => packet is null && consumed == 0,
                _ => packet is null && error != MqttDecodeError.None,
            };
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void A_corrupted_byte_never_crashes_the_decoder(MqttProtocolVersion version)
    {
        var corrupted =
            from packet in AnyPacket(version)
            from position in Gen.Choose(0, 10_000)
            from value in Gen.Choose(0, 255)
            select (MqttPacketFormatter.Encode(packet, version), position, (byte)value);
        Prop.ForAll(corrupted.ToArbitrary(), input =>
        {
            var (bytes, position, value) = input;
            bytes[position % bytes.Length] = value;
            var status = MqttPacketFormatter.TryDecode(bytes, version, out var packet, out _, out _);
            return status != DecodeStatus.Complete || packet is not null;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Encoding_into_a_writer_appends_after_what_is_there()
    {
        var buffer = new ArrayBufferWriter<byte>();
        MqttPacketFormatter.Encode(MqttPingReqPacket.Instance, MqttProtocolVersion.V311, buffer);
        int written = MqttPacketFormatter.Encode(new MqttPubAckPacket { PacketIdentifier = 10 }, MqttProtocolVersion.V311, buffer);
        Assert.Equal(4, written);
        Assert.Equal("C0004002000A", Hex.Format(buffer.WrittenSpan));
    }
}
