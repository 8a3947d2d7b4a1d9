using BenchmarkDotNet.Attributes;
using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;
using CarbonEdge.Protocols.Dlt645.Messages;

namespace CarbonEdge.Benchmarks;

/// <summary>
/// CPU and allocations of the codec work in one DL/T 645 read, without I/O: encode the 11H request (4 wake-up bytes),
/// decode the 91H reply frame (2 wake-up bytes), check it against the request and decode its value (target: no
/// allocation); and the same for a 0201FF00 block of three voltages.
/// </summary>
[MemoryDiagnoser]
public class Dlt645CodecBenchmarks
{
    private static readonly Dlt645Address Meter = Dlt645Address.Parse("123456789012");
    private static readonly Dlt645DataIdentifier Block = new(0x0201FF00);
    private readonly byte[] _request = new byte[Dlt645Framing.MaxFrameLength + Dlt645Framing.MaxPreamble];
    private readonly byte[] _values = new byte[Dlt645Framing.MaxDataLength];
    private readonly Dlt645Value[] _decoded = new Dlt645Value[8];
    private byte[] _energyReply = [];
    private byte[] _blockReply = [];

    [GlobalSetup]
    public void Setup()
    {
        var buffer = new byte[Dlt645Framing.MaxFrameLength + Dlt645Framing.MaxPreamble];
        Span<byte> plain = stackalloc byte[6];
        Dlt645ValueCodec.Encode(plain, Dlt645DataFormat.Energy, Dlt645Value.OfNumber(123456.78m));
        _energyReply = buffer[..Dlt645Replies.EncodeRead(buffer, 2, Meter, Dlt645Catalog.ForwardActiveEnergy, plain[..4], more: false)];
        for (int i = 0; i < 3; i++) Dlt645ValueCodec.Encode(plain[(2 * i)..], Dlt645DataFormat.Voltage, Dlt645Value.OfNumber(220.1m + i));
        _blockReply = buffer[..Dlt645Replies.EncodeRead(buffer, 2, Meter, Block, plain, more: false)];
    }

    [Benchmark(Baseline = true)]
    public decimal ReadEnergy() => Read(Dlt645Catalog.ForwardActiveEnergy, _energyReply, Dlt645DataFormat.Energy);

    [Benchmark]
    public decimal ReadVoltageBlock() => Read(Block, _blockReply, Dlt645DataFormat.Voltage);

    private decimal Read(Dlt645DataIdentifier identifier, byte[] reply, Dlt645DataFormat format)
    {
        Dlt645Requests.EncodeRead(_request, 4, Meter, identifier);
        Dlt645Framing.TryDecode(reply, out var frame, out _, out _);
        Dlt645ReadReply.TryParse(frame, Meter, identifier, false, _values, out var parsed);
        Dlt645ValueCodec.TryDecodeAll(_values.AsSpan(0, parsed.ValueLength), format, _decoded, out int count);
        return _decoded[count - 1].Number;
    }
}
