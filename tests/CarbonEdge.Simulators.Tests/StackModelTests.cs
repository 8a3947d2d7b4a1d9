using CarbonEdge.Protocols.Hj212.Commands;
using CarbonEdge.Protocols.Hj212.Pollutants;
using CarbonEdge.Protocols.Hj212.Segment;
using CarbonEdge.Simulators.Cems;

namespace CarbonEdge.Simulators.Tests;

public class StackModelTests
{
    private static readonly StackModel Stack = new();
    private static readonly DateTime Day = new(2026, 12, 4);

    [Fact]
    public void FlueGas_IsPhysicallyConsistent_OverADay()
    {
        var states = Enumerable.Range(0, 1440).Select(m => Stack.At(Day.AddMinutes(m))).ToList();
        foreach (var s in states)
        {
            Assert.InRange(s.Load, 0.3, 1.0);
            Assert.InRange(s.Co2PercentDry, 7, 12);           // natural gas: 11.7 %vol dry at stoichiometry
            Assert.InRange(s.O2PercentDry, 1, 8);
            Assert.InRange(s.MoisturePercent, 14, 19);
            Assert.InRange(s.TemperatureC, 80, 150);
            Assert.InRange(s.VelocityMPerS, 1, 25);
            // 1 Nm3 of CH4 gives 1 Nm3 of CO2: the stack's CO2 rate is the fuel's, by formula 5's density
            Assert.Equal(s.FuelNm3PerHour * StackModel.Co2DensityKgPerM3, s.Co2KgPerHour, 1e-6);
            // the actual flow converts back to the dry standard flow by DESIGN formula 5
            double qsn = s.FlowActualM3PerHour * 273.15 / (273.15 + s.TemperatureC) * (101.325 + s.PressureKPa) / 101.325 * (1 - s.MoisturePercent / 100);
            Assert.Equal(s.FlowStdDryM3PerHour, qsn, 1e-6);
        }
        // CO2 and O2 are complementary: more excess air (less load) means more O2 and less CO2
        var byLoad = states.OrderBy(s => s.Load).ToList();
        Assert.True(byLoad[0].O2PercentDry > byLoad[^1].O2PercentDry && byLoad[0].Co2PercentDry < byLoad[^1].Co2PercentDry);
        Assert.True(byLoad[^1].Load - byLoad[0].Load > 0.3, "the load follows a daily profile");
    }

    [Fact]
    public void MinutePacket_CarriesTheStateInTableB2Units_AtFullPrecision()
    {
        var state = Stack.At(Day.AddHours(10));
        var packet = StackPackets.Data(Hj212CommandCode.MinuteData, "31", "pw", "MN1", Day.AddHours(10).AddSeconds(5), Day.AddHours(10), [state]);
        Assert.True(packet.AnswerRequired);
        Assert.True(Hj212Cp.TryParse(packet.Cp, out var cp, out _));
        Assert.Equal(Day.AddHours(10), cp!.DataTime);
        var values = cp.Pollutants.ToDictionary(p => p.Code);
        Assert.True(values["a05001"].TryGetNumber("Avg", out double mg));
        Assert.True(values["a00000"].TryGetNumber("Avg", out double m3s));
        Hj212PointMap.TryGet("a05001", out var co2);
        Hj212PointMap.TryGet("a00000", out var flow);
        Assert.Equal(state.Co2KgPerHour, co2.Convert(mg) / 100 * flow.Convert(m3s) * StackModel.Co2DensityKgPerM3, 1e-9);
    }

    [Fact]
    public void Ledger_AddsEachMinuteToItsLocalDay()
    {
        var ledger = new Co2Ledger("MN1", null);
        var late = Stack.At(Day.AddMinutes(1439));
        var early = Stack.At(Day.AddDays(1));
        ledger.Add(Day.AddMinutes(1439), late);
        ledger.Add(Day.AddDays(1), early);
        Assert.Equal(late.Co2KgPerHour / 60, ledger.DayKg(DateOnly.FromDateTime(Day)), 1e-9);
        Assert.Equal(early.Co2KgPerHour / 60, ledger.DayKg(DateOnly.FromDateTime(Day.AddDays(1))), 1e-9);
        Assert.Equal(2, ledger.MinuteRecords);
    }
}
