using System.Net;
using CarbonEdge.Protocols.Modbus.Client;
using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Modbus.Pdu;
using CarbonEdge.Protocols.Modbus.Server;
using CarbonEdge.Protocols.Modbus.Transport;

namespace CarbonEdge.Protocols.Modbus.Tests;

/// <summary>
/// A 60-point three-phase meter map (the input-register layout of the Eastron SDM630-Modbus: float32 ABCD, protocol
/// address = register number - 30001) is planned into at most 3 requests with gap filling, and read that way from a server.
/// </summary>
public class MeterMapPlanTests
{
    /// <summary>Point name and 0-based input register address; every value is a float32 over two registers.</summary>
    private static readonly (string Name, ushort Address)[] Sdm630 =
    [
        ("voltage.l1n", 0x00), ("voltage.l2n", 0x02), ("voltage.l3n", 0x04),
        ("current.l1", 0x06), ("current.l2", 0x08), ("current.l3", 0x0A),
        ("power.active.l1", 0x0C), ("power.active.l2", 0x0E), ("power.active.l3", 0x10),
        ("power.apparent.l1", 0x12), ("power.apparent.l2", 0x14), ("power.apparent.l3", 0x16),
        ("power.reactive.l1", 0x18), ("power.reactive.l2", 0x1A), ("power.reactive.l3", 0x1C),
        ("power.factor.l1", 0x1E), ("power.factor.l2", 0x20), ("power.factor.l3", 0x22),
        ("phase.angle.l1", 0x24), ("phase.angle.l2", 0x26), ("phase.angle.l3", 0x28),
        ("voltage.ln.average", 0x2A), ("current.average", 0x2E), ("current.sum", 0x30),
        ("power.active", 0x34), ("power.apparent", 0x38), ("power.reactive", 0x3C), ("power.factor", 0x3E),
        ("phase.angle", 0x42), ("frequency", 0x46),
        ("energy.active.import", 0x48), ("energy.active.export", 0x4A),
        ("energy.reactive.import", 0x4C), ("energy.reactive.export", 0x4E),
        ("energy.apparent", 0x50), ("charge", 0x52), ("demand.active", 0x54), ("demand.active.max", 0x56),
        ("voltage.l1l2", 0xC8), ("voltage.l2l3", 0xCA), ("voltage.l3l1", 0xCC), ("voltage.ll.average", 0xCE),
        ("current.neutral", 0xE0),
        ("thd.voltage.l1n", 0xEA), ("thd.voltage.l2n", 0xEC), ("thd.voltage.l3n", 0xEE),
        ("thd.current.l1", 0xF0), ("thd.current.l2", 0xF2), ("thd.current.l3", 0xF4),
        ("thd.voltage.ln.average", 0xF8), ("thd.current.average", 0xFA),
        ("demand.current.l1", 0x102), ("demand.current.l2", 0x104), ("demand.current.l3", 0x106),
        ("thd.voltage.l1l2", 0x14E), ("thd.voltage.l2l3", 0x150), ("thd.voltage.l3l1", 0x152), ("thd.voltage.ll.average", 0x154),
        ("energy.active.total", 0x156), ("energy.reactive.total", 0x158),
    ];

    private static PointLocation[] Locations() =>
        Sdm630.Select(p => new PointLocation(ModbusFunctionCode.ReadInputRegisters, p.Address, 2)).ToArray();

    [Fact]
    public void SixtyPoints_AreReadInThreeRequests_WhenGapsAreFilled()
    {
        Assert.Equal(60, Sdm630.Length);
        Assert.Equal(60, Sdm630.Select(p => p.Address).Distinct().Count());

        var plan = ModbusReadPlanner.Plan(Locations(), new ReadPlanOptions { MaxGap = ReadRegistersPdu.MaxCount });
        Assert.Equal(3, plan.Count);
        Assert.All(plan, block => Assert.InRange(block.Count, 1, ReadRegistersPdu.MaxCount));
        Assert.Equal(Enumerable.Range(0, 60), plan.SelectMany(b => b.Points).Order());
        Assert.All(plan, block => Assert.All(block.Points, i =>
            Assert.InRange(Sdm630[i].Address, block.StartAddress, block.StartAddress + block.Count - 2)));

        // Without gap filling the reserved ranges split the map into one request per contiguous run:
        // 00-2B, 2E-31, 34-35, 38-39, 3C-3F, 42-43, 46-57, C8-CF, E0-E1, EA-F5, F8-FB, 102-107, 14E-159.
        Assert.Equal(13, ModbusReadPlanner.Plan(Locations()).Count);
    }

    [Fact]
    public async Task SixtyPoints_ReadFromAServer_InThreeRequests_DecodeToTheirValues()
    {
        var map = new ModbusRegisterMap([1], size: 400);
        double ValueOf(int index) => 200 + index * 1.25; // a distinct value per point, exact in float32
        for (int i = 0; i < Sdm630.Length; i++)
        {
            map.SetValue(ModbusTable.InputRegisters, 1, Sdm630[i].Address, ValueOf(i), ModbusDataType.Float32);
        }
        await using var server = new ModbusTcpServer(map);
        server.Start(new IPEndPoint(IPAddress.Loopback, 0));
        await using var transport = new ModbusTcpTransport("127.0.0.1", server.LocalEndPoint.Port);
        var client = new ModbusClient(transport);

        var values = new double[Sdm630.Length];
        foreach (var block in ModbusReadPlanner.Plan(Locations(), new ReadPlanOptions { MaxGap = ReadRegistersPdu.MaxCount }))
        {
            var registers = await client.ReadInputRegistersAsync(1, block.StartAddress, block.Count);
            foreach (int i in block.Points)
            {
                values[i] = ModbusValueCodec.Decode(registers.AsSpan(Sdm630[i].Address - block.StartAddress), ModbusDataType.Float32, WordOrder.ABCD);
            }
        }
        Assert.Equal(Enumerable.Range(0, 60).Select(ValueOf), values);
        Assert.Equal(3, server.Statistics.Requests);
    }
}
