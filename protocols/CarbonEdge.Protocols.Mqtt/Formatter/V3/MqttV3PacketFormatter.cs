using System.Buffers;
using CarbonEdge.Protocols.Mqtt.Packets;

namespace CarbonEdge.Protocols.Mqtt.Formatter.V3;

/// <summary>MQTT 3.1.1 packet bodies: decode from a span, encode into an <see cref="IBufferWriter{T}"/>.</summary>
/// <remarks>MQTT 3.1.1 (OASIS Standard, 29 October 2014) §3.1 - §3.14.</remarks>
internal static class MqttV3PacketFormatter
{
    private const int ConnectVariableHeaderLength = 10; // 00 04 'M' 'Q' 'T' 'T', level, flags, keep-alive (§3.1.2)

    public static bool TryDecodeBody(MqttFixedHeader header, ReadOnlySpan<byte> body, out MqttPacket? packet, out MqttDecodeError error)
    {
        var reader = new MqttSpanReader(body);
        packet = header.Type switch
        {
            MqttControlPacketType.Connect => DecodeConnect(ref reader),
            MqttControlPacketType.ConnAck => DecodeConnAck(ref reader),
            MqttControlPacketType.Publish => DecodePublish(header.Flags, ref reader),
            MqttControlPacketType.PubAck => DecodeAcknowledgement(new MqttPubAckPacket(), ref reader),
            MqttControlPacketType.PubRec => DecodeAcknowledgement(new MqttPubRecPacket(), ref reader),
            MqttControlPacketType.PubRel => DecodeAcknowledgement(new MqttPubRelPacket(), ref reader),
            MqttControlPacketType.PubComp => DecodeAcknowledgement(new MqttPubCompPacket(), ref reader),
            MqttControlPacketType.Subscribe => DecodeSubscribe(ref reader),
            MqttControlPacketType.SubAck => DecodeSubAck(ref reader),
            MqttControlPacketType.Unsubscribe => DecodeUnsubscribe(ref reader),
            MqttControlPacketType.UnsubAck => DecodeAcknowledgement(new MqttUnsubAckPacket(), ref reader),
            MqttControlPacketType.PingReq => MqttPingReqPacket.Instance,
            MqttControlPacketType.PingResp => MqttPingRespPacket.Instance,
            MqttControlPacketType.Disconnect => new MqttDisconnectPacket(),
            _ => null,
        };
        return MqttPacketParts.Finish(ref reader, ref packet, out error);
    }

    private static MqttConnectPacket? DecodeConnect(ref MqttSpanReader reader)
    {
        if (!MqttPacketParts.TryReadConnectHeader(ref reader, MqttProtocolVersion.V311, out byte flags, out ushort keepAlive)) return null;
        bool hasUsername = (flags & 0x80) != 0, hasPassword = (flags & 0x40) != 0, willRetain = (flags & 0x20) != 0, hasWill = (flags & 0x04) != 0;
        int willQos = (flags >> 3) & 0x3;
        if (!reader.TryReadString(out string clientId)) return null;
        var packet = new MqttConnectPacket
        {
            ProtocolVersion = MqttProtocolVersion.V311,
            ClientId = clientId,
            CleanSession = (flags & 0x02) != 0,
            KeepAliveSeconds = keepAlive,
        };
        if (hasWill)
        {
            if (!reader.TryReadString(out string willTopic) || !reader.TryReadBinary(out byte[] willPayload)) return null;
            packet.Will = new MqttApplicationMessage(willTopic, willPayload)
            {
                QualityOfService = (MqttQualityOfServiceLevel)willQos,
                Retain = willRetain,
            };
        }
        return MqttPacketParts.TryReadCredentials(ref reader, packet, hasUsername, hasPassword) ? packet : null;
    }

    private static MqttConnAckPacket? DecodeConnAck(ref MqttSpanReader reader)
    {
        if (!reader.TryReadByte(out byte acknowledgeFlags) || !reader.TryReadByte(out byte returnCode)) return null;
        if ((acknowledgeFlags & 0xFE) != 0) return MqttPacketParts.Invalid<MqttConnAckPacket>(ref reader, MqttDecodeError.InvalidFlags);
        if (!TryMapReturnCode(returnCode, out var reasonCode)) return MqttPacketParts.Invalid<MqttConnAckPacket>(ref reader, MqttDecodeError.InvalidReasonCode);
        return new MqttConnAckPacket { SessionPresent = (acknowledgeFlags & 0x01) != 0, ReasonCode = reasonCode };
    }

    private static MqttPublishPacket? DecodePublish(int flags, ref MqttSpanReader reader)
    {
        var qos = (MqttQualityOfServiceLevel)((flags >> 1) & 0x3);
        bool dup = (flags & 0x08) != 0;
        // §3.3.1.2: QoS 3 is malformed; §3.3.1.1: DUP is 0 on QoS 0.
        if ((int)qos == 3 || (dup && qos == MqttQualityOfServiceLevel.AtMostOnce)) return MqttPacketParts.Invalid<MqttPublishPacket>(ref reader, MqttDecodeError.InvalidFlags);
        if (!reader.TryReadString(out string topic)) return null;
        if (!MqttTopic.IsValidTopicName(topic)) return MqttPacketParts.Invalid<MqttPublishPacket>(ref reader, MqttDecodeError.InvalidTopicName);
        ushort packetIdentifier = 0;
        if (qos != MqttQualityOfServiceLevel.AtMostOnce)
        {
            if (!reader.TryReadUInt16(out packetIdentifier)) return null;
            if (packetIdentifier == 0) return MqttPacketParts.Invalid<MqttPublishPacket>(ref reader, MqttDecodeError.MissingPacketIdentifier);
        }
        reader.TryReadBytes(reader.Remaining, out var payload);
        var message = new MqttApplicationMessage(topic, payload.ToArray()) { QualityOfService = qos, Retain = (flags & 0x01) != 0 };
        return new MqttPublishPacket(message) { Dup = dup, PacketIdentifier = packetIdentifier };
    }

    private static T? DecodeAcknowledgement<T>(T packet, ref MqttSpanReader reader) where T : MqttPacketWithIdentifier =>
        MqttPacketParts.TryReadPacketIdentifier(ref reader, packet) ? packet : null;

    private static MqttSubscribePacket? DecodeSubscribe(ref MqttSpanReader reader)
    {
        if (DecodeAcknowledgement(new MqttSubscribePacket(), ref reader) is not { } packet) return null;
        var filters = new List<MqttTopicFilter>();
        while (reader.Remaining > 0)
        {
            if (!reader.TryReadString(out string filter) || !reader.TryReadByte(out byte options)) return null;
            if (filter.Length == 0) return MqttPacketParts.Invalid<MqttSubscribePacket>(ref reader, MqttDecodeError.InvalidTopicName);
            // §3.8.3.1: the upper six bits are reserved; QoS 3 is malformed.
            if ((options & 0xFC) != 0 || (options & 0x03) == 3) return MqttPacketParts.Invalid<MqttSubscribePacket>(ref reader, MqttDecodeError.InvalidSubscriptionOptions);
            filters.Add(new MqttTopicFilter(filter, (MqttQualityOfServiceLevel)options));
        }
        if (filters.Count == 0) return MqttPacketParts.Invalid<MqttSubscribePacket>(ref reader, MqttDecodeError.EmptyPayload);
        packet.Filters = filters;
        return packet;
    }

    private static MqttSubAckPacket? DecodeSubAck(ref MqttSpanReader reader)
    {
        if (DecodeAcknowledgement(new MqttSubAckPacket(), ref reader) is not { } packet) return null;
        var codes = new MqttSubscribeReasonCode[reader.Remaining];
        for (int i = 0; i < codes.Length; i++)
        {
            reader.TryReadByte(out byte code);
            if (code is > 2 and not 0x80) return MqttPacketParts.Invalid<MqttSubAckPacket>(ref reader, MqttDecodeError.InvalidReasonCode);
            codes[i] = (MqttSubscribeReasonCode)code;
        }
        if (codes.Length == 0) return MqttPacketParts.Invalid<MqttSubAckPacket>(ref reader, MqttDecodeError.EmptyPayload);
        packet.ReasonCodes = codes;
        return packet;
    }

    private static MqttUnsubscribePacket? DecodeUnsubscribe(ref MqttSpanReader reader)
    {
        if (DecodeAcknowledgement(new MqttUnsubscribePacket(), ref reader) is not { } packet ||
            !MqttPacketParts.TryReadFilters(ref reader, out var filters)) return null;
        packet.Filters = filters;
        return packet;
    }

    public static int Encode(MqttPacket packet, IBufferWriter<byte> output) => packet switch
    {
        MqttConnectPacket connect => EncodeConnect(connect, output),
        MqttConnAckPacket connAck => EncodeConnAck(connAck, output),
        MqttPublishPacket publish => EncodePublish(publish, output),
        MqttPubAckPacket ack => EncodeIdentifierOnly(0x40, ack, output),
        MqttPubRecPacket ack => EncodeIdentifierOnly(0x50, ack, output),
        MqttPubRelPacket ack => EncodeIdentifierOnly(0x62, ack, output),
        MqttPubCompPacket ack => EncodeIdentifierOnly(0x70, ack, output),
        MqttSubscribePacket subscribe => EncodeSubscribe(subscribe, output),
        MqttSubAckPacket subAck => EncodeSubAck(subAck, output),
        MqttUnsubscribePacket unsubscribe => EncodeUnsubscribe(unsubscribe, output),
        MqttUnsubAckPacket ack => EncodeIdentifierOnly(0xB0, ack, output),
        MqttPingReqPacket => MqttPacketParts.EncodeEmpty(0xC0, output),
        MqttPingRespPacket => MqttPacketParts.EncodeEmpty(0xD0, output),
        MqttDisconnectPacket => MqttPacketParts.EncodeEmpty(0xE0, output),
        _ => throw new ArgumentException($"{packet.Type} does not exist in MQTT 3.1.1.", nameof(packet)),
    };

    private static int EncodeConnect(MqttConnectPacket packet, IBufferWriter<byte> output)
    {
        if (packet.Password is not null && packet.Username is null)
            throw new ArgumentException("MQTT 3.1.1 §3.1.2.9: a password needs a user name.", nameof(packet));
        var will = packet.Will;
        int remaining = ConnectVariableHeaderLength + MqttSpanWriter.StringSize(packet.ClientId) + MqttPacketParts.CredentialsSize(packet);
        if (will is not null) remaining += MqttSpanWriter.StringSize(will.Topic) + MqttSpanWriter.BinarySize(will.Payload.Span);

        var writer = MqttPacketFormatter.BeginPacket(output, 0x10, remaining, out int total);
        writer.WriteString("MQTT");
        writer.WriteByte((byte)MqttProtocolVersion.V311);
        writer.WriteByte(MqttPacketParts.ConnectFlags(packet));
        writer.WriteUInt16(packet.KeepAliveSeconds);
        writer.WriteString(packet.ClientId);
        if (will is not null)
        {
            writer.WriteString(will.Topic);
            writer.WriteBinary(will.Payload.Span);
        }
        MqttPacketParts.WriteCredentials(ref writer, packet);
        return MqttPacketFormatter.EndPacket(output, writer, total);
    }

    private static int EncodeConnAck(MqttConnAckPacket packet, IBufferWriter<byte> output)
    {
        var writer = MqttPacketFormatter.BeginPacket(output, 0x20, 2, out int total);
        writer.WriteByte(packet.SessionPresent ? (byte)1 : (byte)0);
        writer.WriteByte(ToReturnCode(packet.ReasonCode));
        return MqttPacketFormatter.EndPacket(output, writer, total);
    }

    private static int EncodePublish(MqttPublishPacket packet, IBufferWriter<byte> output)
    {
        var message = packet.Message;
        bool hasIdentifier = message.QualityOfService != MqttQualityOfServiceLevel.AtMostOnce;
        if (hasIdentifier && packet.PacketIdentifier == 0) throw new ArgumentException("A QoS 1 or 2 PUBLISH needs a packet identifier.", nameof(packet));
        int remaining = MqttSpanWriter.StringSize(message.Topic) + (hasIdentifier ? 2 : 0) + message.Payload.Length;
        byte first = (byte)(0x30 | (packet.Dup && hasIdentifier ? 0x08 : 0) | ((int)message.QualityOfService << 1) | (message.Retain ? 0x01 : 0));
        var writer = MqttPacketFormatter.BeginPacket(output, first, remaining, out int total);
        writer.WriteString(message.Topic);
        if (hasIdentifier) writer.WriteUInt16(packet.PacketIdentifier);
        writer.WriteBytes(message.Payload.Span);
        return MqttPacketFormatter.EndPacket(output, writer, total);
    }

    private static int EncodeIdentifierOnly(byte first, MqttPacketWithIdentifier packet, IBufferWriter<byte> output)
    {
        var writer = MqttPacketFormatter.BeginPacket(output, first, 2, out int total);
        writer.WriteUInt16(packet.PacketIdentifier);
        return MqttPacketFormatter.EndPacket(output, writer, total);
    }

    private static int EncodeSubscribe(MqttSubscribePacket packet, IBufferWriter<byte> output)
    {
        if (packet.Filters.Count == 0) throw new ArgumentException("SUBSCRIBE needs at least one topic filter (§3.8.3).", nameof(packet));
        int remaining = 2;
        foreach (var filter in packet.Filters) remaining += MqttSpanWriter.StringSize(filter.Filter) + 1;
        var writer = MqttPacketFormatter.BeginPacket(output, 0x82, remaining, out int total);
        writer.WriteUInt16(packet.PacketIdentifier);
        foreach (var filter in packet.Filters)
        {
            writer.WriteString(filter.Filter);
            writer.WriteByte((byte)filter.QualityOfService);
        }
        return MqttPacketFormatter.EndPacket(output, writer, total);
    }

    private static int EncodeSubAck(MqttSubAckPacket packet, IBufferWriter<byte> output)
    {
        var writer = MqttPacketFormatter.BeginPacket(output, 0x90, 2 + packet.ReasonCodes.Count, out int total);
        writer.WriteUInt16(packet.PacketIdentifier);
        foreach (var code in packet.ReasonCodes)
        {
            if (code is > MqttSubscribeReasonCode.GrantedQoS2 and not MqttSubscribeReasonCode.UnspecifiedError)
                throw new ArgumentException($"SUBACK code {code} does not exist in MQTT 3.1.1 (§3.9.3).", nameof(packet));
            writer.WriteByte((byte)code);
        }
        return MqttPacketFormatter.EndPacket(output, writer, total);
    }

    private static int EncodeUnsubscribe(MqttUnsubscribePacket packet, IBufferWriter<byte> output)
    {
        if (packet.Filters.Count == 0) throw new ArgumentException("UNSUBSCRIBE needs at least one topic filter (§3.10.3).", nameof(packet));
        int remaining = 2;
        foreach (string filter in packet.Filters) remaining += MqttSpanWriter.StringSize(filter);
        var writer = MqttPacketFormatter.BeginPacket(output, 0xA2, remaining, out int total);
        writer.WriteUInt16(packet.PacketIdentifier);
        foreach (string filter in packet.Filters) writer.WriteString(filter);
        return MqttPacketFormatter.EndPacket(output, writer, total);
    }

    /// <summary>MQTT 3.1.1 §3.2.2.3 Table 3.1 return codes as MQTT 5 reason codes.</summary>
    private static bool TryMapReturnCode(byte returnCode, out MqttConnectReasonCode reasonCode)
    {
        reasonCode = returnCode switch
        {
            0 => MqttConnectReasonCode.Success,
            1 => MqttConnectReasonCode.UnsupportedProtocolVersion,
            2 => MqttConnectReasonCode.ClientIdentifierNotValid,
            3 => MqttConnectReasonCode.ServerUnavailable,
            4 => MqttConnectReasonCode.BadUserNameOrPassword,
            5 => MqttConnectReasonCode.NotAuthorized,
            _ => MqttConnectReasonCode.UnspecifiedError,
        };
        return returnCode <= 5;
    }

    private static byte ToReturnCode(MqttConnectReasonCode reasonCode) => reasonCode switch
    {
        MqttConnectReasonCode.Success => 0,
        MqttConnectReasonCode.UnsupportedProtocolVersion => 1,
        MqttConnectReasonCode.ClientIdentifierNotValid => 2,
        MqttConnectReasonCode.ServerUnavailable => 3,
        MqttConnectReasonCode.BadUserNameOrPassword => 4,
        MqttConnectReasonCode.NotAuthorized => 5,
        _ => throw new ArgumentException($"CONNACK reason {reasonCode} has no MQTT 3.1.1 return code (§3.2.2.3).", nameof(reasonCode)),
    };
}
