using BenchmarkDotNet.Attributes;
using CarbonEdge.Protocols.Hj212.Framing;
using CarbonEdge.Protocols.Hj212.Segment;

namespace CarbonEdge.Benchmarks;

/// <summary>
/// The HJ 212 codec on a CEMS minute packet (7 pollutants, Min/Avg/Max, 700 bytes): framing with the Appendix A CRC
/// alone, and framing + data segment + CP (what the gateway does per packet).
/// </summary>
[MemoryDiagnoser]
public class Hj212CodecBenchmarks
{
    private readonly byte[] _packet = Hj212Framing.Encode(
        "QN=20261204103000123;ST=31;CN=2051;PW=123456;MN=88888880000001;Flag=5;CP=&&DataTime=20261204102900;" +
        "a05001-Min=176879.27558191624,a05001-Avg=176879.27558191624,a05001-Max=176879.27558191624,a05001-Flag=N;" +
        "a19001-Min=4.98351359309844,a19001-Avg=4.98351359309844,a19001-Max=4.98351359309844,a19001-Flag=N;" +
        "a00000-Cou=351.47639155462233,a00000-Min=5.8579398592437055,a00000-Avg=5.8579398592437055,a00000-Max=5.8579398592437055,a00000-Flag=N;" +
        "a01011-Min=3.2838136446416386,a01011-Avg=3.2838136446416386,a01011-Max=3.2838136446416386,a01011-Flag=N;" +
        "a01012-Min=116.22824788930144,a01012-Avg=116.22824788930144,a01012-Max=116.22824788930144,a01012-Flag=N;" +
        "a01013-Min=-0.0669566948093141,a01013-Avg=-0.0669566948093141,a01013-Max=-0.0669566948093141,a01013-Flag=N;" +
        "a01014-Min=15.179131671554563,a01014-Avg=15.179131671554563,a01014-Max=15.179131671554563,a01014-Flag=N&&");

    [Benchmark(Baseline = true)]
    public DecodeStatus Frame() => Hj212Framing.TryDecode(_packet, Hj212CrcMode.Hj212, out _, out _, out _);

    [Benchmark]
    public int FrameSegmentAndCp()
    {
        Hj212Framing.TryDecode(_packet, Hj212CrcMode.Hj212, out var frame, out _, out _);
        Hj212Segment.TryParse(frame!.DataSegment, out var packet, out _, out _);
        Hj212Cp.TryParse(packet!.Cp, out var cp, out _);
        return cp!.Pollutants.Count;
    }
}
