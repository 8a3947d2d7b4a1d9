using System.Buffers;
using CarbonEdge.Protocols.Mqtt.Formatter.V3;
using CarbonEdge.Protocols.Mqtt.Formatter.V5;
using CarbonEdge.Protocols.Mqtt.Packets;

namespace CarbonEdge.Protocols.Mqtt.Formatter;

/// <summary>
/// Encodes and decodes MQTT control packets for one protocol version. No I/O: bytes in, packets out.
/// Decoding never throws on wire data; encoding throws <see cref="ArgumentException"/> for packets that cannot be
/// represented (e.g. a string over 65,535 bytes, an MQTT 5 reason code that 3.1.1 cannot express).
/// </summary>
/// <remarks>MQTT 3.1.1 §2-§3 (<see cref="MqttV3PacketFormatter"/>); MQTT 5.0 §2-§3 (<see cref="MqttV5PacketFormatter"/>).</remarks>
public static class MqttPacketFormatter
{
    /// <summary>Largest packet the protocol can express: 1 + 4 + 268,435,455 bytes.</summary>
    public const int MaximumPacketSize = 1 + 4 + MqttVariableByteInteger.MaxValue;

    /// <summary>
    /// Decodes one packet from the start of <paramref name="input"/>.
    /// </summary>
    /// <param name="input">Received bytes; may hold less than, exactly, or more than one packet.</param>
    /// <param name="version">Protocol version of the connection.</param>
    /// <param name="packet">The packet when <see cref="DecodeStatus.Complete"/>, otherwise null.</param>
    /// <param name="consumed">Bytes of the packet (also when Invalid with a known length); 0 on NeedMoreData.</param>
    /// <param name="error">Why the packet is invalid.</param>
    /// <param name="maximumPacketSize">Largest whole packet accepted; larger ones are <see cref="MqttDecodeError.PacketTooLarge"/> as soon as the header is read.</param>
    public static DecodeStatus TryDecode(ReadOnlySpan<byte> input, MqttProtocolVersion version, out MqttPacket? packet,
        out int consumed, out MqttDecodeError error, int maximumPacketSize = MaximumPacketSize)
    {
        packet = null;
        consumed = 0;
        var status = MqttFixedHeader.TryRead(input, version, out var header, out error);
        if (status != DecodeStatus.Complete) return status;
        if (header.PacketLength > maximumPacketSize)
        {
            error = MqttDecodeError.PacketTooLarge;
            return DecodeStatus.Invalid;
        }
        if (input.Length < header.PacketLength) return DecodeStatus.NeedMoreData;
        consumed = header.PacketLength;
        var body = input.Slice(header.HeaderLength, header.RemainingLength);
        bool ok = version == MqttProtocolVersion.V311
            ? MqttV3PacketFormatter.TryDecodeBody(header, body, out packet, out error)
            : MqttV5PacketFormatter.TryDecodeBody(header, body, out packet, out error);
        return ok ? DecodeStatus.Complete : DecodeStatus.Invalid;
    }

    /// <summary>Encodes <paramref name="packet"/> into <paramref name="output"/>; returns the bytes written.</summary>
    /// <exception cref="ArgumentException">The packet cannot be represented in <paramref name="version"/>.</exception>
    public static int Encode(MqttPacket packet, MqttProtocolVersion version, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ArgumentNullException.ThrowIfNull(output);
        return version == MqttProtocolVersion.V311
            ? MqttV3PacketFormatter.Encode(packet, output)
            : MqttV5PacketFormatter.Encode(packet, output);
    }

    /// <summary>Encodes <paramref name="packet"/> into a new array (tests, diagnostics).</summary>
    public static byte[] Encode(MqttPacket packet, MqttProtocolVersion version)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Encode(packet, version, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Starts a packet: asks <paramref name="output"/> for the whole span once and writes the fixed header.</summary>
    internal static MqttSpanWriter BeginPacket(IBufferWriter<byte> output, byte firstByte, int remainingLength, out int total)
    {
        if (remainingLength > MqttVariableByteInteger.MaxValue)
            throw new ArgumentException($"Packet body of {remainingLength} bytes exceeds the MQTT maximum of {MqttVariableByteInteger.MaxValue}.");
        total = 1 + MqttVariableByteInteger.GetSize(remainingLength) + remainingLength;
        var writer = new MqttSpanWriter(output.GetSpan(total));
        writer.WriteFixedHeader(firstByte, remainingLength);
        return writer;
    }

    /// <summary>Ends a packet started by <see cref="BeginPacket"/>: checks the length and advances the writer.</summary>
    internal static int EndPacket(IBufferWriter<byte> output, in MqttSpanWriter writer, int total)
    {
        if (writer.Position != total) throw new InvalidOperationException($"Encoder wrote {writer.Position} bytes, expected {total}.");
        output.Advance(total);
        return total;
    }
}
