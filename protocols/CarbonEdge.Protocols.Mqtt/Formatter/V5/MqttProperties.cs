namespace CarbonEdge.Protocols.Mqtt.Formatter.V5;

/// <summary>
/// The properties of one MQTT 5 packet (or of a Will), as read from or to be written to the wire. A property is absent
/// when its field is null (or its list empty). <see cref="TryRead"/> checks that each identifier is allowed in the packet,
/// appears at most once (except User Property and, in PUBLISH, Subscription Identifier) and has a legal value.
/// </summary>
/// <remarks>MQTT 5.0 §2.2.2 (Properties), §3.x.2.x (the properties of each packet).</remarks>
internal sealed class MqttProperties
{
    public byte? PayloadFormatIndicator;
    public uint? MessageExpiryInterval;
    public string? ContentType;
    public string? ResponseTopic;
    public byte[]? CorrelationData;
    public List<uint>? SubscriptionIdentifiers;
    public uint? SessionExpiryInterval;
    public string? AssignedClientIdentifier;
    public ushort? ServerKeepAlive;
    public string? AuthenticationMethod;
    public byte[]? AuthenticationData;
    public byte? RequestProblemInformation;
    public uint? WillDelayInterval;
    public byte? RequestResponseInformation;
    public string? ResponseInformation;
    public string? ServerReference;
    public string? ReasonString;
    public ushort? ReceiveMaximum;
    public ushort? TopicAliasMaximum;
    public ushort? TopicAlias;
    public byte? MaximumQoS;
    public byte? RetainAvailable;
    public List<MqttUserProperty>? UserProperties;
    public uint? MaximumPacketSize;
    public byte? WildcardSubscriptionAvailable;
    public byte? SubscriptionIdentifierAvailable;
    public byte? SharedSubscriptionAvailable;

    /// <summary>Identifiers allowed in each packet (bit n = identifier n), MQTT 5.0 Table 2-4.</summary>
    public static class Allowed
    {
        private static ulong Of(params MqttPropertyId[] ids) => ids.Aggregate(0UL, (mask, id) => mask | (1UL << (int)id));

        public static readonly ulong Message = Of(MqttPropertyId.PayloadFormatIndicator, MqttPropertyId.MessageExpiryInterval,
            MqttPropertyId.ContentType, MqttPropertyId.ResponseTopic, MqttPropertyId.CorrelationData, MqttPropertyId.UserProperty);

        public static readonly ulong Publish = Message | Of(MqttPropertyId.TopicAlias, MqttPropertyId.SubscriptionIdentifier);

        public static readonly ulong Will = Message | Of(MqttPropertyId.WillDelayInterval);

        public static readonly ulong Connect = Of(MqttPropertyId.SessionExpiryInterval, MqttPropertyId.AuthenticationMethod,
            MqttPropertyId.AuthenticationData, MqttPropertyId.RequestProblemInformation, MqttPropertyId.RequestResponseInformation,
            MqttPropertyId.ReceiveMaximum, MqttPropertyId.TopicAliasMaximum, MqttPropertyId.UserProperty, MqttPropertyId.MaximumPacketSize);

        public static readonly ulong ConnAck = Of(MqttPropertyId.SessionExpiryInterval, MqttPropertyId.AssignedClientIdentifier,
            MqttPropertyId.ServerKeepAlive, MqttPropertyId.AuthenticationMethod, MqttPropertyId.AuthenticationData,
            MqttPropertyId.ResponseInformation, MqttPropertyId.ServerReference, MqttPropertyId.ReasonString, MqttPropertyId.ReceiveMaximum,
            MqttPropertyId.TopicAliasMaximum, MqttPropertyId.MaximumQoS, MqttPropertyId.RetainAvailable, MqttPropertyId.UserProperty,
            MqttPropertyId.MaximumPacketSize, MqttPropertyId.WildcardSubscriptionAvailable, MqttPropertyId.SubscriptionIdentifierAvailable,
            MqttPropertyId.SharedSubscriptionAvailable);

        public static readonly ulong Acknowledgement = Of(MqttPropertyId.ReasonString, MqttPropertyId.UserProperty);

        public static readonly ulong Subscribe = Of(MqttPropertyId.SubscriptionIdentifier, MqttPropertyId.UserProperty);

        public static readonly ulong Unsubscribe = Of(MqttPropertyId.UserProperty);

        public static readonly ulong Disconnect = Of(MqttPropertyId.SessionExpiryInterval, MqttPropertyId.ServerReference,
            MqttPropertyId.ReasonString, MqttPropertyId.UserProperty);

        public static readonly ulong Auth = Of(MqttPropertyId.AuthenticationMethod, MqttPropertyId.AuthenticationData,
            MqttPropertyId.ReasonString, MqttPropertyId.UserProperty);
    }

    /// <summary>No properties (Property Length 0): shared, never written to.</summary>
    public static readonly MqttProperties None = new();

    /// <summary>Reads the Property Length and the properties; false with the reader's error set on a bad property.</summary>
    public static bool TryRead(ref MqttSpanReader reader, ulong allowed, bool multipleSubscriptionIdentifiers, out MqttProperties properties)
    {
        properties = None;
        if (!reader.TryReadVariableByteInteger(out int length) || !reader.TryReadBytes(length, out var span)) return false;
        if (length == 0) return true;
        properties = new MqttProperties();
        var inner = new MqttSpanReader(span);
        ulong seen = 0;
        while (inner.Remaining > 0)
        {
            if (!inner.TryReadVariableByteInteger(out int id)) return reader.Fail(inner.Error);
            if (id >= 64 || (allowed & (1UL << id)) == 0) return reader.Fail(MqttDecodeError.InvalidProperty);
            var property = (MqttPropertyId)id;
            bool repeatable = property == MqttPropertyId.UserProperty ||
                              (property == MqttPropertyId.SubscriptionIdentifier && multipleSubscriptionIdentifiers);
            if (!repeatable && (seen & (1UL << id)) != 0) return reader.Fail(MqttDecodeError.DuplicateProperty);
            seen |= 1UL << id;
            if (!properties.TryReadValue(ref inner, property)) return reader.Fail(inner.Error);
        }
        return true;
    }

    private bool TryReadValue(ref MqttSpanReader reader, MqttPropertyId property)
    {
        switch (property)
        {
            case MqttPropertyId.PayloadFormatIndicator: return TryReadFlag(ref reader, out PayloadFormatIndicator);
            case MqttPropertyId.RequestProblemInformation: return TryReadFlag(ref reader, out RequestProblemInformation);
            case MqttPropertyId.RequestResponseInformation: return TryReadFlag(ref reader, out RequestResponseInformation);
            case MqttPropertyId.MaximumQoS: return TryReadFlag(ref reader, out MaximumQoS);
            case MqttPropertyId.RetainAvailable: return TryReadFlag(ref reader, out RetainAvailable);
            case MqttPropertyId.WildcardSubscriptionAvailable: return TryReadFlag(ref reader, out WildcardSubscriptionAvailable);
            case MqttPropertyId.SubscriptionIdentifierAvailable: return TryReadFlag(ref reader, out SubscriptionIdentifierAvailable);
            case MqttPropertyId.SharedSubscriptionAvailable: return TryReadFlag(ref reader, out SharedSubscriptionAvailable);
            case MqttPropertyId.MessageExpiryInterval: return TryReadUInt32(ref reader, out MessageExpiryInterval);
            case MqttPropertyId.SessionExpiryInterval: return TryReadUInt32(ref reader, out SessionExpiryInterval);
            case MqttPropertyId.WillDelayInterval: return TryReadUInt32(ref reader, out WillDelayInterval);
            case MqttPropertyId.MaximumPacketSize: return TryReadUInt32(ref reader, out MaximumPacketSize, nonZero: true);
            case MqttPropertyId.ServerKeepAlive: return TryReadUInt16(ref reader, out ServerKeepAlive);
            case MqttPropertyId.ReceiveMaximum: return TryReadUInt16(ref reader, out ReceiveMaximum, nonZero: true);
            case MqttPropertyId.TopicAliasMaximum: return TryReadUInt16(ref reader, out TopicAliasMaximum);
            case MqttPropertyId.TopicAlias: return TryReadUInt16(ref reader, out TopicAlias, nonZero: true);
            case MqttPropertyId.ContentType: return TryReadString(ref reader, out ContentType);
            case MqttPropertyId.ResponseTopic: return TryReadString(ref reader, out ResponseTopic);
            case MqttPropertyId.AssignedClientIdentifier: return TryReadString(ref reader, out AssignedClientIdentifier);
            case MqttPropertyId.AuthenticationMethod: return TryReadString(ref reader, out AuthenticationMethod);
            case MqttPropertyId.ResponseInformation: return TryReadString(ref reader, out ResponseInformation);
            case MqttPropertyId.ServerReference: return TryReadString(ref reader, out ServerReference);
            case MqttPropertyId.ReasonString: return TryReadString(ref reader, out ReasonString);
            case MqttPropertyId.CorrelationData: return TryReadBinary(ref reader, out CorrelationData);
            case MqttPropertyId.AuthenticationData: return TryReadBinary(ref reader, out AuthenticationData);
            case MqttPropertyId.SubscriptionIdentifier:
                if (!reader.TryReadVariableByteInteger(out int subscriptionId)) return false;
                if (subscriptionId == 0) return reader.Fail(MqttDecodeError.InvalidPropertyValue);
                (SubscriptionIdentifiers ??= []).Add((uint)subscriptionId);
                return true;
            case MqttPropertyId.UserProperty:
                if (!reader.TryReadString(out string name) || !reader.TryReadString(out string value)) return false;
                (UserProperties ??= []).Add(new MqttUserProperty(name, value));
                return true;
            default:
                return reader.Fail(MqttDecodeError.InvalidProperty);
        }
    }

    /// <summary>A byte property whose only legal values are 0 and 1 (MQTT 5.0 §3.1.2.11, §3.2.2.3, §3.3.2.3.2).</summary>
    private static bool TryReadFlag(ref MqttSpanReader reader, out byte? value)
    {
        value = null;
        if (!reader.TryReadByte(out byte b)) return false;
        if (b > 1) return reader.Fail(MqttDecodeError.InvalidPropertyValue);
        value = b;
        return true;
    }

    private static bool TryReadUInt32(ref MqttSpanReader reader, out uint? value, bool nonZero = false)
    {
        value = null;
        if (!reader.TryReadUInt32(out uint v)) return false;
        if (nonZero && v == 0) return reader.Fail(MqttDecodeError.InvalidPropertyValue);
        value = v;
        return true;
    }

    private static bool TryReadUInt16(ref MqttSpanReader reader, out ushort? value, bool nonZero = false)
    {
        value = null;
        if (!reader.TryReadUInt16(out ushort v)) return false;
        if (nonZero && v == 0) return reader.Fail(MqttDecodeError.InvalidPropertyValue);
        value = v;
        return true;
    }

    private static bool TryReadString(ref MqttSpanReader reader, out string? value)
    {
        value = null;
        if (!reader.TryReadString(out string s)) return false;
        value = s;
        return true;
    }

    private static bool TryReadBinary(ref MqttSpanReader reader, out byte[]? value)
    {
        value = null;
        if (!reader.TryReadBinary(out byte[] b)) return false;
        value = b;
        return true;
    }

    /// <summary>Bytes of the properties without the Property Length.</summary>
    public int GetLength()
    {
        int length = 0;
        length += Sized(PayloadFormatIndicator, 1) + Sized(RequestProblemInformation, 1) + Sized(RequestResponseInformation, 1) +
                  Sized(MaximumQoS, 1) + Sized(RetainAvailable, 1) + Sized(WildcardSubscriptionAvailable, 1) +
                  Sized(SubscriptionIdentifierAvailable, 1) + Sized(SharedSubscriptionAvailable, 1);
        length += Sized(MessageExpiryInterval, 4) + Sized(SessionExpiryInterval, 4) + Sized(WillDelayInterval, 4) + Sized(MaximumPacketSize, 4);
        length += Sized(ServerKeepAlive, 2) + Sized(ReceiveMaximum, 2) + Sized(TopicAliasMaximum, 2) + Sized(TopicAlias, 2);
        foreach (string? s in (ReadOnlySpan<string?>)[ContentType, ResponseTopic, AssignedClientIdentifier, AuthenticationMethod, ResponseInformation, ServerReference, ReasonString])
        {
            if (s is not null) length += 1 + MqttSpanWriter.StringSize(s);
        }
        if (CorrelationData is not null) length += 1 + MqttSpanWriter.BinarySize(CorrelationData);
        if (AuthenticationData is not null) length += 1 + MqttSpanWriter.BinarySize(AuthenticationData);
        if (SubscriptionIdentifiers is not null) foreach (uint id in SubscriptionIdentifiers) length += 1 + MqttVariableByteInteger.GetSize(checked((int)id));
        if (UserProperties is not null) foreach (var property in UserProperties) length += 1 + MqttSpanWriter.StringSize(property.Name) + MqttSpanWriter.StringSize(property.Value);
        return length;
    }

    /// <summary>Bytes of the Property Length plus the properties.</summary>
    public int GetSizeWithLength()
    {
        int length = GetLength();
        return MqttVariableByteInteger.GetSize(length) + length;
    }

    private static int Sized<T>(T? value, int size) where T : struct => value.HasValue ? 1 + size : 0;

    /// <summary>Writes the Property Length and the properties, in identifier order.</summary>
    public void Write(ref MqttSpanWriter writer)
    {
        writer.WriteVariableByteInteger(GetLength());
        WriteByte(ref writer, MqttPropertyId.PayloadFormatIndicator, PayloadFormatIndicator);
        WriteUInt32(ref writer, MqttPropertyId.MessageExpiryInterval, MessageExpiryInterval);
        WriteString(ref writer, MqttPropertyId.ContentType, ContentType);
        WriteString(ref writer, MqttPropertyId.ResponseTopic, ResponseTopic);
        if (CorrelationData is not null)
        {
            writer.WriteByte((byte)MqttPropertyId.CorrelationData);
            writer.WriteBinary(CorrelationData);
        }
        if (SubscriptionIdentifiers is not null)
        {
            foreach (uint id in SubscriptionIdentifiers)
            {
                writer.WriteByte((byte)MqttPropertyId.SubscriptionIdentifier);
                writer.WriteVariableByteInteger((int)id);
            }
        }
        WriteUInt32(ref writer, MqttPropertyId.SessionExpiryInterval, SessionExpiryInterval);
        WriteString(ref writer, MqttPropertyId.AssignedClientIdentifier, AssignedClientIdentifier);
        WriteUInt16(ref writer, MqttPropertyId.ServerKeepAlive, ServerKeepAlive);
        WriteString(ref writer, MqttPropertyId.AuthenticationMethod, AuthenticationMethod);
        if (AuthenticationData is not null)
        {
            writer.WriteByte((byte)MqttPropertyId.AuthenticationData);
            writer.WriteBinary(AuthenticationData);
        }
        WriteByte(ref writer, MqttPropertyId.RequestProblemInformation, RequestProblemInformation);
        WriteUInt32(ref writer, MqttPropertyId.WillDelayInterval, WillDelayInterval);
        WriteByte(ref writer, MqttPropertyId.RequestResponseInformation, RequestResponseInformation);
        WriteString(ref writer, MqttPropertyId.ResponseInformation, ResponseInformation);
        WriteString(ref writer, MqttPropertyId.ServerReference, ServerReference);
        WriteString(ref writer, MqttPropertyId.ReasonString, ReasonString);
        WriteUInt16(ref writer, MqttPropertyId.ReceiveMaximum, ReceiveMaximum);
        WriteUInt16(ref writer, MqttPropertyId.TopicAliasMaximum, TopicAliasMaximum);
        WriteUInt16(ref writer, MqttPropertyId.TopicAlias, TopicAlias);
        WriteByte(ref writer, MqttPropertyId.MaximumQoS, MaximumQoS);
        WriteByte(ref writer, MqttPropertyId.RetainAvailable, RetainAvailable);
        if (UserProperties is not null)
        {
            foreach (var property in UserProperties)
            {
                writer.WriteByte((byte)MqttPropertyId.UserProperty);
                writer.WriteString(property.Name);
                writer.WriteString(property.Value);
            }
        }
        WriteUInt32(ref writer, MqttPropertyId.MaximumPacketSize, MaximumPacketSize);
        WriteByte(ref writer, MqttPropertyId.WildcardSubscriptionAvailable, WildcardSubscriptionAvailable);
        WriteByte(ref writer, MqttPropertyId.SubscriptionIdentifierAvailable, SubscriptionIdentifierAvailable);
        WriteByte(ref writer, MqttPropertyId.SharedSubscriptionAvailable, SharedSubscriptionAvailable);
    }

    private static void WriteByte(ref MqttSpanWriter writer, MqttPropertyId id, byte? value)
    {
        if (value is not { } v) return;
        writer.WriteByte((byte)id);
        writer.WriteByte(v);
    }

    private static void WriteUInt16(ref MqttSpanWriter writer, MqttPropertyId id, ushort? value)
    {
        if (value is not { } v) return;
        writer.WriteByte((byte)id);
        writer.WriteUInt16(v);
    }

    private static void WriteUInt32(ref MqttSpanWriter writer, MqttPropertyId id, uint? value)
    {
        if (value is not { } v) return;
        writer.WriteByte((byte)id);
        writer.WriteUInt32(v);
    }

    private static void WriteString(ref MqttSpanWriter writer, MqttPropertyId id, string? value)
    {
        if (value is null) return;
        writer.WriteByte((byte)id);
        writer.WriteString(value);
    }

    /// <summary>The message carries none of the MQTT 5 properties (the common case: Property Length 0 on the wire).</summary>
    public static bool HasNone(MqttApplicationMessage message) =>
        message.PayloadFormatIndicator == MqttPayloadFormatIndicator.Unspecified && message.MessageExpiryInterval is null &&
        message.ContentType is null && message.ResponseTopic is null && message.CorrelationData is null &&
        message.UserProperties.Count == 0 && message.SubscriptionIdentifiers.Count == 0;

    /// <summary>The message properties of a PUBLISH or Will.</summary>
    public static MqttProperties FromMessage(MqttApplicationMessage message) => new()
    {
        PayloadFormatIndicator = message.PayloadFormatIndicator == MqttPayloadFormatIndicator.Unspecified ? null : (byte)message.PayloadFormatIndicator,
        MessageExpiryInterval = message.MessageExpiryInterval,
        ContentType = message.ContentType,
        ResponseTopic = message.ResponseTopic,
        CorrelationData = message.CorrelationData?.ToArray(),
        UserProperties = message.UserProperties.Count == 0 ? null : [.. message.UserProperties],
    };

    /// <summary>A message carrying these properties.</summary>
    public MqttApplicationMessage ToMessage(string topic, ReadOnlyMemory<byte> payload, MqttQualityOfServiceLevel qos, bool retain) =>
        new(topic, payload)
        {
            QualityOfService = qos,
            Retain = retain,
            PayloadFormatIndicator = (MqttPayloadFormatIndicator)(PayloadFormatIndicator ?? 0),
            MessageExpiryInterval = MessageExpiryInterval,
            ContentType = ContentType,
            ResponseTopic = ResponseTopic,
            CorrelationData = CorrelationData is { } correlation ? new ReadOnlyMemory<byte>(correlation) : (ReadOnlyMemory<byte>?)null,
            UserProperties = UserProperties ?? (IReadOnlyList<MqttUserProperty>)[],
            SubscriptionIdentifiers = SubscriptionIdentifiers ?? (IReadOnlyList<uint>)[],
        };

    /// <summary>User properties as a packet field (empty list when absent).</summary>
    public IReadOnlyList<MqttUserProperty> UserPropertyList => UserProperties ?? (IReadOnlyList<MqttUserProperty>)[];

    /// <summary>A list for writing, or null when empty (no property on the wire).</summary>
    public static List<MqttUserProperty>? ListOrNull(IReadOnlyList<MqttUserProperty> properties) => properties.Count == 0 ? null : [.. properties];
}
