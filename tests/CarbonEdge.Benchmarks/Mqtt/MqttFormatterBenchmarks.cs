using System.Buffers;
using BenchmarkDotNet.Attributes;
using CarbonEdge.Protocols.Mqtt;
using CarbonEdge.Protocols.Mqtt.Formatter;
using CarbonEdge.Protocols.Mqtt.Packets;

namespace CarbonEdge.Benchmarks.Mqtt;

/// <summary>Encode and decode of a 200-byte QoS 1 PUBLISH and a PUBACK (allocations via the MemoryDiagnoser).</summary>
[MemoryDiagnoser]
public class MqttFormatterBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private MqttPublishPacket _publish = null!;
    private byte[] _publishBytes = null!;
    private byte[] _pubAckBytes = null!;

    [Params(MqttProtocolVersion.V311, MqttProtocolVersion.V500)]
    public MqttProtocolVersion Version { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _publish = new MqttPublishPacket(new MqttApplicationMessage("carbonedge/v1/plant-01/gw-01/telemetry", new byte[200])
        {
            QualityOfService = MqttQualityOfServiceLevel.AtLeastOnce,
        }) { PacketIdentifier = 42 };
        _publishBytes = MqttPacketFormatter.Encode(_publish, Version);
        _pubAckBytes = MqttPacketFormatter.Encode(new MqttPubAckPacket { PacketIdentifier = 42 }, Version);
    }

    [Benchmark]
    public int EncodePublish()
    {
        _output.ResetWrittenCount();
        return MqttPacketFormatter.Encode(_publish, Version, _output);
    }

    [Benchmark]
    public MqttPacket? DecodePublish()
    {
        MqttPacketFormatter.TryDecode(_publishBytes, Version, out var packet, out _, out _);
        return packet;
    }

    [Benchmark]
    public MqttPacket? DecodePubAck()
    {
        MqttPacketFormatter.TryDecode(_pubAckBytes, Version, out var packet, out _, out _);
        return packet;
    }
}
