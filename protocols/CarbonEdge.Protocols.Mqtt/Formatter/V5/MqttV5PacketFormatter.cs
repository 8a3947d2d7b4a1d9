using System.Buffers;
using CarbonEdge.Protocols.Mqtt.Packets;

namespace CarbonEdge.Protocols.Mqtt.Formatter.V5;

/// <summary>MQTT 5.0 packet bodies: decode from a span, encode into an <see cref="IBufferWriter{T}"/>.</summary>
/// <remarks>MQTT 5.0 (OASIS Standard, 7 March 2019) §3.1 - §3.15; properties §2.2.2.</remarks>
internal static class MqttV5PacketFormatter
{
    public static bool TryDecodeBody(MqttFixedHeader header, ReadOnlySpan<byte> body, out MqttPacket? packet, out MqttDecodeError error)
    {
        var reader = new MqttSpanReader(body);
        packet = header.Type switch
        {
            MqttControlPacketType.Connect => DecodeConnect(ref reader),
            MqttControlPacketType.ConnAck => DecodeConnAck(ref reader),
            MqttControlPacketType.Publish => DecodePublish(header.Flags, ref reader),
            MqttControlPacketType.PubAck => DecodePubAck(new MqttPubAckPacket(), ref reader),
            MqttControlPacketType.PubRec => DecodePubAck(new MqttPubRecPacket(), ref reader),
            MqttControlPacketType.PubRel => DecodePubRel(new MqttPubRelPacket(), ref reader),
            MqttControlPacketType.PubComp => DecodePubRel(new MqttPubCompPacket(), ref reader),
            MqttControlPacketType.Subscribe => DecodeSubscribe(ref reader),
            MqttControlPacketType.SubAck => DecodeSubAck(ref reader),
            MqttControlPacketType.Unsubscribe => DecodeUnsubscribe(ref reader),
            MqttControlPacketType.UnsubAck => DecodeUnsubAck(ref reader),
            MqttControlPacketType.PingReq => MqttPingReqPacket.Instance,
            MqttControlPacketType.PingResp => MqttPingRespPacket.Instance,
            MqttControlPacketType.Disconnect => DecodeDisconnect(ref reader),
            MqttControlPacketType.Auth => DecodeAuth(ref reader),
            _ => null,
        };
        return MqttPacketParts.Finish(ref reader, ref packet, out error);
    }

    private static MqttConnectPacket? DecodeConnect(ref MqttSpanReader reader)
    {
        if (!MqttPacketParts.TryReadConnectHeader(ref reader, MqttProtocolVersion.V500, out byte flags, out ushort keepAlive)) return null;
        bool hasUsername = (flags & 0x80) != 0, hasPassword = (flags & 0x40) != 0, willRetain = (flags & 0x20) != 0, hasWill = (flags & 0x04) != 0;
        int willQos = (flags >> 3) & 0x3;
        if (!MqttProperties.TryRead(ref reader, MqttProperties.Allowed.Connect, false, out var properties)) return null;
        if (!reader.TryReadString(out string clientId)) return null;
        var packet = new MqttConnectPacket
        {
            ProtocolVersion = MqttProtocolVersion.V500,
            ClientId = clientId,
            CleanSession = (flags & 0x02) != 0,
            KeepAliveSeconds = keepAlive,
            SessionExpiryInterval = properties.SessionExpiryInterval ?? 0,
            ReceiveMaximum = properties.ReceiveMaximum,
            MaximumPacketSize = properties.MaximumPacketSize,
            TopicAliasMaximum = properties.TopicAliasMaximum ?? 0,
            RequestResponseInformation = properties.RequestResponseInformation == 1,
            RequestProblemInformation = properties.RequestProblemInformation != 0,
            AuthenticationMethod = properties.AuthenticationMethod,
            AuthenticationData = properties.AuthenticationData,
            UserProperties = properties.UserPropertyList,
        };
        if (hasWill)
        {
            if (!MqttProperties.TryRead(ref reader, MqttProperties.Allowed.Will, false, out var willProperties) ||
                !reader.TryReadString(out string willTopic) || !reader.TryReadBinary(out byte[] willPayload)) return null;
            packet.Will = willProperties.ToMessage(willTopic, willPayload, (MqttQualityOfServiceLevel)willQos, willRetain);
            packet.WillDelayInterval = willProperties.WillDelayInterval ?? 0;
        }
        return MqttPacketParts.TryReadCredentials(ref reader, packet, hasUsername, hasPassword) ? packet : null;
    }

    private static MqttConnAckPacket? DecodeConnAck(ref MqttSpanReader reader)
    {
        if (!reader.TryReadByte(out byte acknowledgeFlags) || !reader.TryReadByte(out byte reasonCode)) return null;
        if ((acknowledgeFlags & 0xFE) != 0) return MqttPacketParts.Invalid<MqttConnAckPacket>(ref reader, MqttDecodeError.InvalidFlags);
        if (!Enum.IsDefined((MqttConnectReasonCode)reasonCode)) return MqttPacketParts.Invalid<MqttConnAckPacket>(ref reader, MqttDecodeError.InvalidReasonCode);
        if (!MqttProperties.TryRead(ref reader, MqttProperties.Allowed.ConnAck, false, out var p)) return null;
        return new MqttConnAckPacket
        {
            SessionPresent = (acknowledgeFlags & 0x01) != 0,
            ReasonCode = (MqttConnectReasonCode)reasonCode,
            SessionExpiryInterval = p.SessionExpiryInterval,
            ReceiveMaximum = p.ReceiveMaximum,
            MaximumQoS = (MqttQualityOfServiceLevel?)p.MaximumQoS,
            RetainAvailable = p.RetainAvailable is { } retain ? retain == 1 : null,
            MaximumPacketSize = p.MaximumPacketSize,
            AssignedClientIdentifier = p.AssignedClientIdentifier,
            TopicAliasMaximum = p.TopicAliasMaximum ?? 0,
            ReasonString = p.ReasonString,
            WildcardSubscriptionAvailable = p.WildcardSubscriptionAvailable is { } wildcard ? wildcard == 1 : null,
            SubscriptionIdentifiersAvailable = p.SubscriptionIdentifierAvailable is { } ids ? ids == 1 : null,
            SharedSubscriptionAvailable = p.SharedSubscriptionAvailable is { } shared ? shared == 1 : null,
            ServerKeepAlive = p.ServerKeepAlive,
            ResponseInformation = p.ResponseInformation,
            ServerReference = p.ServerReference,
            AuthenticationMethod = p.AuthenticationMethod,
            AuthenticationData = p.AuthenticationData,
            UserProperties = p.UserPropertyList,
        };
    }

    private static MqttPublishPacket? DecodePublish(int flags, ref MqttSpanReader reader)
    {
        var qos = (MqttQualityOfServiceLevel)((flags >> 1) & 0x3);
        bool dup = (flags & 0x08) != 0;
        if ((int)qos == 3 || (dup && qos == MqttQualityOfServiceLevel.AtMostOnce)) return MqttPacketParts.Invalid<MqttPublishPacket>(ref reader, MqttDecodeError.InvalidFlags);
        if (!reader.TryReadString(out string topic)) return null;
        // §3.3.2.1: no wildcards; an empty topic name needs a Topic Alias (checked after the properties).
        if (topic.Length > 0 && !MqttTopic.IsValidTopicName(topic)) return MqttPacketParts.Invalid<MqttPublishPacket>(ref reader, MqttDecodeError.InvalidTopicName);
        ushort packetIdentifier = 0;
        if (qos != MqttQualityOfServiceLevel.AtMostOnce)
        {
            if (!reader.TryReadUInt16(out packetIdentifier)) return null;
            if (packetIdentifier == 0) return MqttPacketParts.Invalid<MqttPublishPacket>(ref reader, MqttDecodeError.MissingPacketIdentifier);
        }
        if (!MqttProperties.TryRead(ref reader, MqttProperties.Allowed.Publish, true, out var properties)) return null;
        if (topic.Length == 0 && properties.TopicAlias is null) return MqttPacketParts.Invalid<MqttPublishPacket>(ref reader, MqttDecodeError.InvalidTopicName);
        reader.TryReadBytes(reader.Remaining, out var payload);
        var message = properties.ToMessage(topic, payload.ToArray(), qos, (flags & 0x01) != 0);
        return new MqttPublishPacket(message) { Dup = dup, PacketIdentifier = packetIdentifier, TopicAlias = properties.TopicAlias ?? 0 };
    }

    /// <summary>
    /// Reason code and properties of PUBACK/PUBREC/PUBREL/PUBCOMP: both may be left out (Remaining Length 2 means
    /// success without properties; 3 means a reason code without properties), MQTT 5.0 §3.4.2.1.
    /// </summary>
    private static bool TryReadAcknowledgementTail(ref MqttSpanReader reader, out byte reasonCode, out MqttProperties properties)
    {
        reasonCode = 0;
        properties = MqttProperties.None;
        if (reader.Remaining == 0) return true;
        reader.TryReadByte(out reasonCode);
        return reader.Remaining == 0 || MqttProperties.TryRead(ref reader, MqttProperties.Allowed.Acknowledgement, false, out properties);
    }

    private static T? DecodePubAck<T>(T packet, ref MqttSpanReader reader) where T : MqttPacketWithIdentifier
    {
        if (!MqttPacketParts.TryReadPacketIdentifier(ref reader, packet) || !TryReadAcknowledgementTail(ref reader, out byte code, out var properties)) return null;
        if (!Enum.IsDefined((MqttPubAckReasonCode)code)) return MqttPacketParts.Invalid<T>(ref reader, MqttDecodeError.InvalidReasonCode);
        switch (packet)
        {
            case MqttPubAckPacket pubAck:
                (pubAck.ReasonCode, pubAck.ReasonString, pubAck.UserProperties) = ((MqttPubAckReasonCode)code, properties.ReasonString, properties.UserPropertyList);
                break;
            case MqttPubRecPacket pubRec:
                (pubRec.ReasonCode, pubRec.ReasonString, pubRec.UserProperties) = ((MqttPubAckReasonCode)code, properties.ReasonString, properties.UserPropertyList);
                break;
        }
        return packet;
    }

    private static T? DecodePubRel<T>(T packet, ref MqttSpanReader reader) where T : MqttPacketWithIdentifier
    {
        if (!MqttPacketParts.TryReadPacketIdentifier(ref reader, packet) || !TryReadAcknowledgementTail(ref reader, out byte code, out var properties)) return null;
        if (!Enum.IsDefined((MqttPubRelReasonCode)code)) return MqttPacketParts.Invalid<T>(ref reader, MqttDecodeError.InvalidReasonCode);
        switch (packet)
        {
            case MqttPubRelPacket pubRel:
                (pubRel.ReasonCode, pubRel.ReasonString, pubRel.UserProperties) = ((MqttPubRelReasonCode)code, properties.ReasonString, properties.UserPropertyList);
                break;
            case MqttPubCompPacket pubComp:
                (pubComp.ReasonCode, pubComp.ReasonString, pubComp.UserProperties) = ((MqttPubRelReasonCode)code, properties.ReasonString, properties.UserPropertyList);
                break;
        }
        return packet;
    }

    private static MqttSubscribePacket? DecodeSubscribe(ref MqttSpanReader reader)
    {
        var packet = new MqttSubscribePacket();
        if (!MqttPacketParts.TryReadPacketIdentifier(ref reader, packet) || !MqttProperties.TryRead(ref reader, MqttProperties.Allowed.Subscribe, false, out var properties)) return null;
        var filters = new List<MqttTopicFilter>();
        while (reader.Remaining > 0)
        {
            if (!reader.TryReadString(out string filter) || !reader.TryReadByte(out byte options)) return null;
            if (filter.Length == 0) return MqttPacketParts.Invalid<MqttSubscribePacket>(ref reader, MqttDecodeError.InvalidTopicName);
            // §3.8.3.1: bits 6-7 reserved, QoS 3 and retain handling 3 are malformed.
            if ((options & 0xC0) != 0 || (options & 0x03) == 3 || ((options >> 4) & 0x03) == 3)
                return MqttPacketParts.Invalid<MqttSubscribePacket>(ref reader, MqttDecodeError.InvalidSubscriptionOptions);
            filters.Add(new MqttTopicFilter(filter, (MqttQualityOfServiceLevel)(options & 0x03))
            {
                NoLocal = (options & 0x04) != 0,
                RetainAsPublished = (options & 0x08) != 0,
                RetainHandling = (MqttRetainHandling)((options >> 4) & 0x03),
            });
        }
        if (filters.Count == 0) return MqttPacketParts.Invalid<MqttSubscribePacket>(ref reader, MqttDecodeError.EmptyPayload);
        packet.Filters = filters;
        packet.SubscriptionIdentifier = properties.SubscriptionIdentifiers is [var id] ? id : 0;
        packet.UserProperties = properties.UserPropertyList;
        return packet;
    }

    private static MqttSubAckPacket? DecodeSubAck(ref MqttSpanReader reader)
    {
        var packet = new MqttSubAckPacket();
        if (!MqttPacketParts.TryReadPacketIdentifier(ref reader, packet) || !MqttProperties.TryRead(ref reader, MqttProperties.Allowed.Acknowledgement, false, out var properties)) return null;
        var codes = new MqttSubscribeReasonCode[reader.Remaining];
        for (int i = 0; i < codes.Length; i++)
        {
            reader.TryReadByte(out byte code);
            if (!Enum.IsDefined((MqttSubscribeReasonCode)code)) return MqttPacketParts.Invalid<MqttSubAckPacket>(ref reader, MqttDecodeError.InvalidReasonCode);
            codes[i] = (MqttSubscribeReasonCode)code;
        }
        if (codes.Length == 0) return MqttPacketParts.Invalid<MqttSubAckPacket>(ref reader, MqttDecodeError.EmptyPayload);
        (packet.ReasonCodes, packet.ReasonString, packet.UserProperties) = (codes, properties.ReasonString, properties.UserPropertyList);
        return packet;
    }

    private static MqttUnsubscribePacket? DecodeUnsubscribe(ref MqttSpanReader reader)
    {
        var packet = new MqttUnsubscribePacket();
        if (!MqttPacketParts.TryReadPacketIdentifier(ref reader, packet) || !MqttProperties.TryRead(ref reader, MqttProperties.Allowed.Unsubscribe, false, out var properties) ||
            !MqttPacketParts.TryReadFilters(ref reader, out var filters)) return null;
        (packet.Filters, packet.UserProperties) = (filters, properties.UserPropertyList);
        return packet;
    }

    private static MqttUnsubAckPacket? DecodeUnsubAck(ref MqttSpanReader reader)
    {
        var packet = new MqttUnsubAckPacket();
        if (!MqttPacketParts.TryReadPacketIdentifier(ref reader, packet) || !MqttProperties.TryRead(ref reader, MqttProperties.Allowed.Acknowledgement, false, out var properties)) return null;
        var codes = new MqttUnsubscribeReasonCode[reader.Remaining];
        for (int i = 0; i < codes.Length; i++)
        {
            reader.TryReadByte(out byte code);
            if (!Enum.IsDefined((MqttUnsubscribeReasonCode)code)) return MqttPacketParts.Invalid<MqttUnsubAckPacket>(ref reader, MqttDecodeError.InvalidReasonCode);
            codes[i] = (MqttUnsubscribeReasonCode)code;
        }
        if (codes.Length == 0) return MqttPacketParts.Invalid<MqttUnsubAckPacket>(ref reader, MqttDecodeError.EmptyPayload);
        (packet.ReasonCodes, packet.ReasonString, packet.UserProperties) = (codes, properties.ReasonString, properties.UserPropertyList);
        return packet;
    }

    private static MqttDisconnectPacket? DecodeDisconnect(ref MqttSpanReader reader)
    {
        var packet = new MqttDisconnectPacket();
        if (reader.Remaining == 0) return packet; // §3.14.2.1: no reason code means 0x00
        reader.TryReadByte(out byte code);
        if (!Enum.IsDefined((MqttDisconnectReasonCode)code)) return MqttPacketParts.Invalid<MqttDisconnectPacket>(ref reader, MqttDecodeError.InvalidReasonCode);
        packet.ReasonCode = (MqttDisconnectReasonCode)code;
        if (reader.Remaining == 0) return packet;
        if (!MqttProperties.TryRead(ref reader, MqttProperties.Allowed.Disconnect, false, out var p)) return null;
        (packet.SessionExpiryInterval, packet.ReasonString, packet.ServerReference, packet.UserProperties) =
            (p.SessionExpiryInterval, p.ReasonString, p.ServerReference, p.UserPropertyList);
        return packet;
    }

    private static MqttAuthPacket? DecodeAuth(ref MqttSpanReader reader)
    {
        var packet = new MqttAuthPacket();
        if (reader.Remaining == 0) return packet; // §3.15.2.1: no reason code means 0x00
        reader.TryReadByte(out byte code);
        if (!Enum.IsDefined((MqttAuthReasonCode)code)) return MqttPacketParts.Invalid<MqttAuthPacket>(ref reader, MqttDecodeError.InvalidReasonCode);
        if (!MqttProperties.TryRead(ref reader, MqttProperties.Allowed.Auth, false, out var p)) return null;
        (packet.ReasonCode, packet.AuthenticationMethod, packet.AuthenticationData, packet.ReasonString, packet.UserProperties) =
            ((MqttAuthReasonCode)code, p.AuthenticationMethod, p.AuthenticationData, p.ReasonString, p.UserPropertyList);
        return packet;
    }

    public static int Encode(MqttPacket packet, IBufferWriter<byte> output) => packet switch
    {
        MqttConnectPacket connect => EncodeConnect(connect, output),
        MqttConnAckPacket connAck => EncodeConnAck(connAck, output),
        MqttPublishPacket publish => EncodePublish(publish, output),
        MqttPubAckPacket ack => EncodeAcknowledgement(0x40, ack.PacketIdentifier, (byte)ack.ReasonCode, ack.ReasonString, ack.UserProperties, output),
        MqttPubRecPacket ack => EncodeAcknowledgement(0x50, ack.PacketIdentifier, (byte)ack.ReasonCode, ack.ReasonString, ack.UserProperties, output),
        MqttPubRelPacket ack => EncodeAcknowledgement(0x62, ack.PacketIdentifier, (byte)ack.ReasonCode, ack.ReasonString, ack.UserProperties, output),
        MqttPubCompPacket ack => EncodeAcknowledgement(0x70, ack.PacketIdentifier, (byte)ack.ReasonCode, ack.ReasonString, ack.UserProperties, output),
        MqttSubscribePacket subscribe => EncodeSubscribe(subscribe, output),
        MqttSubAckPacket subAck => EncodeCodes(0x90, subAck.PacketIdentifier, subAck.ReasonCodes.Select(c => (byte)c).ToArray(), subAck.ReasonString, subAck.UserProperties, output),
        MqttUnsubscribePacket unsubscribe => EncodeUnsubscribe(unsubscribe, output),
        MqttUnsubAckPacket unsubAck => EncodeCodes(0xB0, unsubAck.PacketIdentifier, unsubAck.ReasonCodes.Select(c => (byte)c).ToArray(), unsubAck.ReasonString, unsubAck.UserProperties, output),
        MqttPingReqPacket => MqttPacketParts.EncodeEmpty(0xC0, output),
        MqttPingRespPacket => MqttPacketParts.EncodeEmpty(0xD0, output),
        MqttDisconnectPacket disconnect => EncodeDisconnect(disconnect, output),
        MqttAuthPacket auth => EncodeAuth(auth, output),
        _ => throw new ArgumentException($"Unknown packet {packet.GetType().Name}.", nameof(packet)),
    };

    private static int EncodeConnect(MqttConnectPacket packet, IBufferWriter<byte> output)
    {
        var properties = new MqttProperties
        {
            SessionExpiryInterval = packet.SessionExpiryInterval == 0 ? null : packet.SessionExpiryInterval,
            ReceiveMaximum = packet.ReceiveMaximum,
            MaximumPacketSize = packet.MaximumPacketSize,
            TopicAliasMaximum = packet.TopicAliasMaximum == 0 ? null : packet.TopicAliasMaximum,
            RequestResponseInformation = packet.RequestResponseInformation ? (byte)1 : null,
            RequestProblemInformation = packet.RequestProblemInformation ? null : (byte)0,
            AuthenticationMethod = packet.AuthenticationMethod,
            AuthenticationData = packet.AuthenticationData,
            UserProperties = MqttProperties.ListOrNull(packet.UserProperties),
        };
        var will = packet.Will;
        MqttProperties? willProperties = null;
        int remaining = 10 + properties.GetSizeWithLength() + MqttSpanWriter.StringSize(packet.ClientId);
        if (will is not null)
        {
            willProperties = MqttProperties.FromMessage(will);
            willProperties.WillDelayInterval = packet.WillDelayInterval == 0 ? null : packet.WillDelayInterval;
            remaining += willProperties.GetSizeWithLength() + MqttSpanWriter.StringSize(will.Topic) + MqttSpanWriter.BinarySize(will.Payload.Span);
        }
        remaining += MqttPacketParts.CredentialsSize(packet);

        var writer = MqttPacketFormatter.BeginPacket(output, 0x10, remaining, out int total);
        writer.WriteString("MQTT");
        writer.WriteByte((byte)MqttProtocolVersion.V500);
        writer.WriteByte(MqttPacketParts.ConnectFlags(packet));
        writer.WriteUInt16(packet.KeepAliveSeconds);
        properties.Write(ref writer);
        writer.WriteString(packet.ClientId);
        if (will is not null)
        {
            willProperties!.Write(ref writer);
            writer.WriteString(will.Topic);
            writer.WriteBinary(will.Payload.Span);
        }
        MqttPacketParts.WriteCredentials(ref writer, packet);
        return MqttPacketFormatter.EndPacket(output, writer, total);
    }

    private static int EncodeConnAck(MqttConnAckPacket packet, IBufferWriter<byte> output)
    {
        var properties = new MqttProperties
        {
            SessionExpiryInterval = packet.SessionExpiryInterval,
            ReceiveMaximum = packet.ReceiveMaximum,
            MaximumQoS = (byte?)packet.MaximumQoS,
            RetainAvailable = packet.RetainAvailable is { } retain ? (byte)(retain ? 1 : 0) : null,
            MaximumPacketSize = packet.MaximumPacketSize,
            AssignedClientIdentifier = packet.AssignedClientIdentifier,
            TopicAliasMaximum = packet.TopicAliasMaximum == 0 ? null : packet.TopicAliasMaximum,
            ReasonString = packet.ReasonString,
            WildcardSubscriptionAvailable = packet.WildcardSubscriptionAvailable is { } w ? (byte)(w ? 1 : 0) : null,
            SubscriptionIdentifierAvailable = packet.SubscriptionIdentifiersAvailable is { } s ? (byte)(s ? 1 : 0) : null,
            SharedSubscriptionAvailable = packet.SharedSubscriptionAvailable is { } shared ? (byte)(shared ? 1 : 0) : null,
            ServerKeepAlive = packet.ServerKeepAlive,
            ResponseInformation = packet.ResponseInformation,
            ServerReference = packet.ServerReference,
            AuthenticationMethod = packet.AuthenticationMethod,
            AuthenticationData = packet.AuthenticationData,
            UserProperties = MqttProperties.ListOrNull(packet.UserProperties),
        };
        var writer = MqttPacketFormatter.BeginPacket(output, 0x20, 2 + properties.GetSizeWithLength(), out int total);
        writer.WriteByte(packet.SessionPresent ? (byte)1 : (byte)0);
        writer.WriteByte((byte)packet.ReasonCode);
        properties.Write(ref writer);
        return MqttPacketFormatter.EndPacket(output, writer, total);
    }

    private static int EncodePublish(MqttPublishPacket packet, IBufferWriter<byte> output)
    {
        var message = packet.Message;
        bool hasIdentifier = message.QualityOfService != MqttQualityOfServiceLevel.AtMostOnce;
        if (hasIdentifier && packet.PacketIdentifier == 0) throw new ArgumentException("A QoS 1 or 2 PUBLISH needs a packet identifier.", nameof(packet));
        MqttProperties properties = MqttProperties.None;
        if (packet.TopicAlias != 0 || !MqttProperties.HasNone(message))
        {
            properties = MqttProperties.FromMessage(message);
            properties.TopicAlias = packet.TopicAlias == 0 ? null : packet.TopicAlias;
            if (message.SubscriptionIdentifiers.Count > 0) properties.SubscriptionIdentifiers = [.. message.SubscriptionIdentifiers];
        }
        int remaining = MqttSpanWriter.StringSize(message.Topic) + (hasIdentifier ? 2 : 0) + properties.GetSizeWithLength() + message.Payload.Length;
        byte first = (byte)(0x30 | (packet.Dup && hasIdentifier ? 0x08 : 0) | ((int)message.QualityOfService << 1) | (message.Retain ? 0x01 : 0));
        var writer = MqttPacketFormatter.BeginPacket(output, first, remaining, out int total);
        writer.WriteString(message.Topic);
        if (hasIdentifier) writer.WriteUInt16(packet.PacketIdentifier);
        properties.Write(ref writer);
        writer.WriteBytes(message.Payload.Span);
        return MqttPacketFormatter.EndPacket(output, writer, total);
    }

    /// <summary>PUBACK-like packets in their shortest legal form (MQTT 5.0 §3.4.2.1): no reason code when 0x00 without properties.</summary>
    private static int EncodeAcknowledgement(byte first, ushort packetIdentifier, byte reasonCode, string? reasonString,
        IReadOnlyList<MqttUserProperty> userProperties, IBufferWriter<byte> output)
    {
        var properties = reasonString is null && userProperties.Count == 0
            ? MqttProperties.None
            : new MqttProperties { ReasonString = reasonString, UserProperties = MqttProperties.ListOrNull(userProperties) };
        int propertiesLength = properties.GetLength();
        int remaining = propertiesLength > 0 ? 3 + properties.GetSizeWithLength() : reasonCode != 0 ? 3 : 2;
        var writer = MqttPacketFormatter.BeginPacket(output, first, remaining, out int total);
        writer.WriteUInt16(packetIdentifier);
        if (remaining > 2) writer.WriteByte(reasonCode);
        if (propertiesLength > 0) properties.Write(ref writer);
        return MqttPacketFormatter.EndPacket(output, writer, total);
    }

    private static int EncodeSubscribe(MqttSubscribePacket packet, IBufferWriter<byte> output)
    {
        if (packet.Filters.Count == 0) throw new ArgumentException("SUBSCRIBE needs at least one topic filter (§3.8.3).", nameof(packet));
        var properties = new MqttProperties
        {
            SubscriptionIdentifiers = packet.SubscriptionIdentifier == 0 ? null : [packet.SubscriptionIdentifier],
            UserProperties = MqttProperties.ListOrNull(packet.UserProperties),
        };
        int remaining = 2 + properties.GetSizeWithLength();
        foreach (var filter in packet.Filters) remaining += MqttSpanWriter.StringSize(filter.Filter) + 1;
        var writer = MqttPacketFormatter.BeginPacket(output, 0x82, remaining, out int total);
        writer.WriteUInt16(packet.PacketIdentifier);
        properties.Write(ref writer);
        foreach (var filter in packet.Filters)
        {
            writer.WriteString(filter.Filter);
            writer.WriteByte((byte)((int)filter.QualityOfService | (filter.NoLocal ? 0x04 : 0) | (filter.RetainAsPublished ? 0x08 : 0) | ((int)filter.RetainHandling << 4)));
        }
        return MqttPacketFormatter.EndPacket(output, writer, total);
    }

    private static int EncodeCodes(byte first, ushort packetIdentifier, byte[] codes, string? reasonString,
        IReadOnlyList<MqttUserProperty> userProperties, IBufferWriter<byte> output)
    {
        var properties = new MqttProperties { ReasonString = reasonString, UserProperties = MqttProperties.ListOrNull(userProperties) };
        var writer = MqttPacketFormatter.BeginPacket(output, first, 2 + properties.GetSizeWithLength() + codes.Length, out int total);
        writer.WriteUInt16(packetIdentifier);
        properties.Write(ref writer);
        writer.WriteBytes(codes);
        return MqttPacketFormatter.EndPacket(output, writer, total);
    }

    private static int EncodeUnsubscribe(MqttUnsubscribePacket packet, IBufferWriter<byte> output)
    {
        if (packet.Filters.Count == 0) throw new ArgumentException("UNSUBSCRIBE needs at least one topic filter (§3.10.3).", nameof(packet));
        var properties = new MqttProperties { UserProperties = MqttProperties.ListOrNull(packet.UserProperties) };
        int remaining = 2 + properties.GetSizeWithLength();
        foreach (string filter in packet.Filters) remaining += MqttSpanWriter.StringSize(filter);
        var writer = MqttPacketFormatter.BeginPacket(output, 0xA2, remaining, out int total);
        writer.WriteUInt16(packet.PacketIdentifier);
        properties.Write(ref writer);
        foreach (string filter in packet.Filters) writer.WriteString(filter);
        return MqttPacketFormatter.EndPacket(output, writer, total);
    }

    /// <summary>DISCONNECT in its shortest legal form (MQTT 5.0 §3.14.2): nothing for a normal disconnection without properties.</summary>
    private static int EncodeDisconnect(MqttDisconnectPacket packet, IBufferWriter<byte> output)
    {
        var properties = new MqttProperties
        {
            SessionExpiryInterval = packet.SessionExpiryInterval,
            ReasonString = packet.ReasonString,
            ServerReference = packet.ServerReference,
            UserProperties = MqttProperties.ListOrNull(packet.UserProperties),
        };
        int propertiesLength = properties.GetLength();
        int remaining = propertiesLength > 0 ? 1 + properties.GetSizeWithLength() : packet.ReasonCode != 0 ? 1 : 0;
        var writer = MqttPacketFormatter.BeginPacket(output, 0xE0, remaining, out int total);
        if (remaining > 0) writer.WriteByte((byte)packet.ReasonCode);
        if (propertiesLength > 0) properties.Write(ref writer);
        return MqttPacketFormatter.EndPacket(output, writer, total);
    }

    private static int EncodeAuth(MqttAuthPacket packet, IBufferWriter<byte> output)
    {
        var properties = new MqttProperties
        {
            AuthenticationMethod = packet.AuthenticationMethod,
            AuthenticationData = packet.AuthenticationData,
            ReasonString = packet.ReasonString,
            UserProperties = MqttProperties.ListOrNull(packet.UserProperties),
        };
        int propertiesLength = properties.GetLength();
        int remaining = propertiesLength > 0 || packet.ReasonCode != 0 ? 1 + properties.GetSizeWithLength() : 0;
        var writer = MqttPacketFormatter.BeginPacket(output, 0xF0, remaining, out int total);
        if (remaining > 0)
        {
            writer.WriteByte((byte)packet.ReasonCode);
            properties.Write(ref writer);
        }
        return MqttPacketFormatter.EndPacket(output, writer, total);
    }
}
