using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Simulators.Meters;

namespace CarbonEdge.Simulators.History;

/// <summary>
/// The readings a gateway polling a simulated meter every <c>interval</c> would have taken over a past span: for each
/// poll time, one good reading per energy register and per power point, with the values the meter's registers held
/// (float32 points rounded to float32, as the gateway would decode them).
/// </summary>
internal static class HistoryReadings
{
    /// <summary>Points a backfill carries: the registers estimation needs and the powers the dashboard plots.</summary>
    public static readonly IReadOnlySet<string> BackfillPoints = new HashSet<string>
    {
        Points.EnergyActiveImport, Points.EnergyReactiveImport, Points.PowerActive, Points.PowerReactive, Points.PowerFactor,
    };

    /// <summary>Readings of <paramref name="device"/> at <paramref name="from"/>, <paramref name="from"/> + interval, ... before <paramref name="to"/>.</summary>
    public static IEnumerable<Reading> For(string device, MeterModel model, DateTimeOffset from, DateTimeOffset to, TimeSpan interval)
    {
        var registers = MeterRegisters.Canonical.Where(r => BackfillPoints.Contains(r.Point)).ToList();
        for (var t = from; t < to; t += interval)
        {
            var state = model.At(t);
            foreach (var r in registers)
            {
                double value = r.Value(state);
                yield return Reading.Good(device, r.Point, r.Type == ModbusDataType.Float32 ? (float)value : value, t);
            }
        }
    }
}
