using System.Buffers;
using CarbonEdge.Protocols.Mqtt.Packets;

namespace CarbonEdge.Protocols.Mqtt.Formatter;

/// <summary>Fields laid out the same way in MQTT 3.1.1 and 5.0, shared by both formatters.</summary>
/// <remarks>MQTT 3.1.1 §3.1.2.3, §3.1.3.4-5, §3.10.3; MQTT 5.0 §3.1.2.3, §3.1.3.5-6, §3.10.3.</remarks>
internal static class MqttPacketParts
{
    /// <summary>Records <paramref name="error"/> on the reader and returns null (a failed decode).</summary>
    public static T? Invalid<T>(ref MqttSpanReader reader, MqttDecodeError error) where T : class
    {
        reader.Fail(error);
        return null;
    }

    /// <summary>Ends a body decode: a null packet takes the reader's error; bytes left over are an error too.</summary>
    public static bool Finish(ref MqttSpanReader reader, ref MqttPacket? packet, out MqttDecodeError error)
    {
        error = MqttDecodeError.None;
        if (packet is null) error = reader.Error == MqttDecodeError.None ? MqttDecodeError.ReservedPacketType : reader.Error;
        else if (reader.Remaining != 0) error = MqttDecodeError.UnexpectedTrailingBytes;
        if (error != MqttDecodeError.None) packet = null;
        return packet is not null;
    }

    /// <summary>
    /// CONNECT variable header up to the keep-alive: protocol name "MQTT", the expected level, connect flags checked
    /// (§3.1.2.3 reserved bit, §3.1.2.6-7 will QoS and retain only with the will flag; on 3.1.1 §3.1.2.9 a password
    /// needs a user name).
    /// </summary>
    public static bool TryReadConnectHeader(ref MqttSpanReader reader, MqttProtocolVersion version, out byte flags, out ushort keepAlive)
    {
        flags = 0;
        keepAlive = 0;
        if (!reader.TryReadString(out string protocolName) || !reader.TryReadByte(out byte level) ||
            !reader.TryReadByte(out flags) || !reader.TryReadUInt16(out keepAlive)) return false;
        if (protocolName != "MQTT" || level != (byte)version) return reader.Fail(MqttDecodeError.UnsupportedProtocol);
        bool hasUsername = (flags & 0x80) != 0, hasPassword = (flags & 0x40) != 0, willRetain = (flags & 0x20) != 0, hasWill = (flags & 0x04) != 0;
        int willQos = (flags >> 3) & 0x3;
        bool invalid = (flags & 0x01) != 0 || willQos == 3 || (!hasWill && (willQos != 0 || willRetain)) ||
                       (version == MqttProtocolVersion.V311 && hasPassword && !hasUsername);
        return !invalid || reader.Fail(MqttDecodeError.InvalidFlags);
    }

    /// <summary>A non-zero packet identifier (MQTT 3.1.1 §2.3.1).</summary>
    public static bool TryReadPacketIdentifier(ref MqttSpanReader reader, MqttPacketWithIdentifier packet)
    {
        if (!reader.TryReadUInt16(out ushort packetIdentifier)) return false;
        if (packetIdentifier == 0) return reader.Fail(MqttDecodeError.MissingPacketIdentifier);
        packet.PacketIdentifier = packetIdentifier;
        return true;
    }

    /// <summary>The CONNECT payload's optional user name and password, as the connect flags announce them.</summary>
    public static bool TryReadCredentials(ref MqttSpanReader reader, MqttConnectPacket packet, bool hasUsername, bool hasPassword)
    {
        if (hasUsername)
        {
            if (!reader.TryReadString(out string username)) return false;
            packet.Username = username;
        }
        if (hasPassword)
        {
            if (!reader.TryReadBinary(out byte[] password)) return false;
            packet.Password = password;
        }
        return true;
    }

    public static int CredentialsSize(MqttConnectPacket packet) =>
        (packet.Username is null ? 0 : MqttSpanWriter.StringSize(packet.Username)) + (packet.Password is null ? 0 : MqttSpanWriter.BinarySize(packet.Password));

    public static void WriteCredentials(ref MqttSpanWriter writer, MqttConnectPacket packet)
    {
        if (packet.Username is not null) writer.WriteString(packet.Username);
        if (packet.Password is not null) writer.WriteBinary(packet.Password);
    }

    /// <summary>Connect flags byte (§3.1.2.3): user name, password, will retain, will QoS, will, clean session.</summary>
    public static byte ConnectFlags(MqttConnectPacket packet)
    {
        byte flags = (byte)((packet.Username is not null ? 0x80 : 0) | (packet.Password is not null ? 0x40 : 0) | (packet.CleanSession ? 0x02 : 0));
        if (packet.Will is { } will) flags |= (byte)(0x04 | ((int)will.QualityOfService << 3) | (will.Retain ? 0x20 : 0));
        return flags;
    }

    /// <summary>The rest of an UNSUBSCRIBE: at least one non-empty topic filter.</summary>
    public static bool TryReadFilters(ref MqttSpanReader reader, out List<string> filters)
    {
        filters = [];
        while (reader.Remaining > 0)
        {
            if (!reader.TryReadString(out string filter)) return false;
            if (filter.Length == 0) return reader.Fail(MqttDecodeError.InvalidTopicName);
            filters.Add(filter);
        }
        return filters.Count > 0 || reader.Fail(MqttDecodeError.EmptyPayload);
    }

    /// <summary>A packet with no variable header and no payload (PINGREQ, PINGRESP, 3.1.1 DISCONNECT).</summary>
    public static int EncodeEmpty(byte first, IBufferWriter<byte> output)
    {
        var writer = MqttPacketFormatter.BeginPacket(output, first, 0, out int total);
        return MqttPacketFormatter.EndPacket(output, writer, total);
    }
}
