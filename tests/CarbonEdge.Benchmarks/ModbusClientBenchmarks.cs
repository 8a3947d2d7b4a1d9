using BenchmarkDotNet.Attributes;
using CarbonEdge.Protocols.Modbus.Client;
using CarbonEdge.Protocols.Modbus.Transport;
using CarbonEdge.Testing;

namespace CarbonEdge.Benchmarks;

/// <summary>
/// Allocations and latency of one Modbus TCP read (10 holding registers) against the libmodbus server on loopback:
/// into a caller's buffer (target: no allocation) and as a new array (one small allocation).
/// </summary>
[MemoryDiagnoser]
public class ModbusClientBenchmarks
{
    private LibModbusServer _server = null!;
    private ModbusTcpTransport _transport = null!;
    private ModbusClient _client = null!;
    private readonly ushort[] _registers = new ushort[10];

    [GlobalSetup]
    public void Setup()
    {
        _server = LibModbusServer.StartTcpAsync().GetAwaiter().GetResult();
        _transport = new ModbusTcpTransport("127.0.0.1", _server.Port);
        _client = new ModbusClient(_transport);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _transport.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public ValueTask ReadIntoBuffer() => _client.ReadHoldingRegistersAsync(1, 0, _registers);

    [Benchmark]
    public ValueTask<ushort[]> ReadNewArray() => _client.ReadHoldingRegistersAsync(1, 0, 10);
}
