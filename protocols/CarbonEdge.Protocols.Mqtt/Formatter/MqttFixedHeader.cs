using CarbonEdge.Protocols.Mqtt.Packets;

namespace CarbonEdge.Protocols.Mqtt.Formatter;

/// <summary>The fixed header of a packet: type and flags byte, then the Remaining Length.</summary>
/// <remarks>MQTT 3.1.1 §2.2; MQTT 5.0 §2.1.</remarks>
/// <param name="FirstByte">Packet type (high nibble) and flags (low nibble).</param>
/// <param name="RemainingLength">Bytes after the fixed header (variable header + payload).</param>
/// <param name="HeaderLength">Bytes of the fixed header itself (2..5).</param>
public readonly record struct MqttFixedHeader(byte FirstByte, int RemainingLength, int HeaderLength)
{
    /// <summary>Control packet type.</summary>
    public MqttControlPacketType Type => (MqttControlPacketType)(FirstByte >> 4);

    /// <summary>The four flag bits.</summary>
    public int Flags => FirstByte & 0x0F;

    /// <summary>Whole packet length: header plus remaining length.</summary>
    public int PacketLength => HeaderLength + RemainingLength;

    /// <summary>
    /// Reads a fixed header. Needs at most 5 bytes; <see cref="DecodeStatus.NeedMoreData"/> before that,
    /// <see cref="DecodeStatus.Invalid"/> when the Remaining Length has a fifth byte or the type/flags are reserved
    /// (MQTT 3.1.1 §2.2.2 Table 2.2, MQTT 5.0 §2.1.3 Table 2-2).
    /// </summary>
    public static DecodeStatus TryRead(ReadOnlySpan<byte> input, MqttProtocolVersion version, out MqttFixedHeader header, out MqttDecodeError error)
    {
        header = default;
        error = MqttDecodeError.None;
        if (input.IsEmpty) return DecodeStatus.NeedMoreData;
        byte first = input[0];
        var type = (MqttControlPacketType)(first >> 4);
        if (first >> 4 == 0 || (type == MqttControlPacketType.Auth && version == MqttProtocolVersion.V311))
        {
            error = MqttDecodeError.ReservedPacketType;
            return DecodeStatus.Invalid;
        }
        int requiredFlags = type is MqttControlPacketType.PubRel or MqttControlPacketType.Subscribe or MqttControlPacketType.Unsubscribe ? 0x2 : 0x0;
        if (type != MqttControlPacketType.Publish && (first & 0x0F) != requiredFlags)
        {
            error = MqttDecodeError.InvalidFixedHeaderFlags;
            return DecodeStatus.Invalid;
        }
        var status = MqttVariableByteInteger.TryRead(input[1..], out int remaining, out int lengthBytes);
        if (status == DecodeStatus.Invalid) error = MqttDecodeError.MalformedRemainingLength;
        if (status != DecodeStatus.Complete) return status;
        header = new MqttFixedHeader(first, remaining, 1 + lengthBytes);
        return DecodeStatus.Complete;
    }
}
