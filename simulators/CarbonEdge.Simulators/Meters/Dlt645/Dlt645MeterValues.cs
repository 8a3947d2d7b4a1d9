using CarbonEdge.Protocols.Dlt645.Data;

namespace CarbonEdge.Simulators.Meters.Dlt645;

/// <summary>
/// The values a simulated DL/T 645 meter shows for each catalogued data identifier, from the load-driven
/// <see cref="MeterModel"/> (the same model the Modbus meter serves), truncated to the format's resolution as a meter
/// register shows it. Energy tariffs 1–4 split the total in four equal parts (the last takes the remainder); the
/// daily freeze is the register at the meter's own midnight, its time that midnight.
/// </summary>
internal sealed class Dlt645MeterValues(MeterModel model, Dlt645MeterClock clock)
{
    /// <summary>The values of <paramref name="item"/> now (one, or several for a block); empty when the meter lacks it.</summary>
    public IReadOnlyList<Dlt645Value> Read(Dlt645DataItem item)
    {
        var now = clock.TrueNow;
        var id = item.Identifier;
        if (item.IsFrozenEnergy)
        {
            var (_, register) = Frozen((int)(id.Value & 0xFF));
            return Energies(register, item.Format);
        }
        if (item.Format.Kind != Dlt645FormatKind.Number) return [Time(item)];
        var s = model.At(now);
        if (id.Version == Dlt645Version.V1997) return Read1997(id.Value, s, item.Format);
        uint di3di2 = id.Value >> 16;
        int di1 = (int)(id.Value >> 8) & 0xFF;
        return di3di2 switch
        {
            <= 0x0004 => EnergyOf(di3di2, di1, s, item.Format),
            0x0201 => PerPhase(di1, [s.VoltageA, s.VoltageB, s.VoltageC], item.Format, first: 1),
            0x0202 => PerPhase(di1, [s.CurrentA, s.CurrentB, s.CurrentC], item.Format, first: 1),
            0x0203 => PerPhase(di1, [s.PowerKw, s.PowerAKw, s.PowerBKw, s.PowerCKw], item.Format, first: 0),
            0x0204 => PerPhase(di1, Split(s.ReactiveKvar, s), item.Format, first: 0),
            0x0205 => PerPhase(di1, Split(Math.Sqrt(s.PowerKw * s.PowerKw + s.ReactiveKvar * s.ReactiveKvar), s), item.Format, first: 0),
            0x0206 => PerPhase(di1, [s.PowerFactor, s.PowerFactor, s.PowerFactor, s.PowerFactor], item.Format, first: 0),
            _ => [Number(s.FrequencyHz, item.Format)],
        };
    }

    /// <summary>The meter's n-th last daily freeze: its time (the meter's midnight) and the register then, kWh.</summary>
    public (DateTime Time, double RegisterKwh) Frozen(int daysBack)
    {
        var midnight = clock.Now.Date.AddDays(1 - daysBack);
        return (midnight, model.At(clock.ToTrueInstant(midnight)).EnergyImportKwh);
    }

    private Dlt645Value Time(Dlt645DataItem item)
    {
        if (item.Format.Kind == Dlt645FormatKind.DateTimeToMinute) return Dlt645Value.OfTime(item.Format.Kind, Frozen((int)(item.Identifier.Value & 0xFF)).Time);
        var now = clock.Now;
        var shown = item.Format.Kind == Dlt645FormatKind.TimeOfDay ? DateTime.MinValue + now.TimeOfDay : now;
        return Dlt645Value.OfTime(item.Format.Kind, new DateTime(shown.Ticks - shown.Ticks % TimeSpan.TicksPerSecond));
    }

    private static IReadOnlyList<Dlt645Value> EnergyOf(uint kind, int di1, MeterState s, Dlt645DataFormat format)
    {
        double total = kind switch
        {
            0 => s.EnergyImportKwh - s.EnergyExportKwh,
            1 => s.EnergyImportKwh,
            2 => s.EnergyExportKwh,
            3 => s.EnergyReactiveKvarh,
            _ => 0,
        };
        var all = Energies(total, format);
        return di1 == 0xFF ? all : [all[di1]];
    }

    /// <summary>
    /// Total and tariffs 1–4 of a register: four equal parts truncated, the last taking the remainder. The register
    /// shows its low eight digits (XXXXXX.XX): past 999999.99 it rolls over to 0, as a meter's does.
    /// </summary>
    private static Dlt645Value[] Energies(double total, Dlt645DataFormat format)
    {
        decimal t = Truncate(total, format) % (format.Signed ? 800_000m : 1_000_000m); // signed: the top bit is the sign
        decimal quarter = decimal.Floor(t * 100 / 4) / 100;
        return [.. new[] { t, quarter, quarter, quarter, t - 3 * quarter }.Select(Dlt645Value.OfNumber)];
    }

    private static IReadOnlyList<Dlt645Value> PerPhase(int di1, double[] values, Dlt645DataFormat format, int first) =>
        di1 == 0xFF ? [.. values.Select(v => Number(v, format))] : [Number(values[di1 - first], format)];

    private static double[] Split(double total, MeterState s) => s.PowerKw == 0
        ? [total, total / 3, total / 3, total / 3]
        : [total, total * s.PowerAKw / s.PowerKw, total * s.PowerBKw / s.PowerKw, total * s.PowerCKw / s.PowerKw];

    private static IReadOnlyList<Dlt645Value> Read1997(uint di, MeterState s, Dlt645DataFormat format) => (di & 0xFFF0) switch
    {
        0x9010 => di == 0x901F ? Energies(s.EnergyImportKwh, format) : [Energies(s.EnergyImportKwh, format)[di & 0xF]],
        0x9020 => di == 0x902F ? Energies(s.EnergyExportKwh, format) : [Energies(s.EnergyExportKwh, format)[di & 0xF]],
        0x9110 => [Energies(s.EnergyReactiveKvarh, format)[0]],
        0x9120 => [Number(0, format)],
        0xB610 => [Number(new[] { s.VoltageA, s.VoltageB, s.VoltageC }[(di & 0xF) - 1], format)],
        0xB620 => [Number(new[] { s.CurrentA, s.CurrentB, s.CurrentC }[(di & 0xF) - 1], format)],
        0xB630 => [Number(new[] { s.PowerKw, s.PowerAKw, s.PowerBKw, s.PowerCKw }[di & 0xF], format)],
        0xB640 => [Number(Split(s.ReactiveKvar, s)[di & 0xF], format)],
        _ => [Number(s.PowerFactor, format)],
    };

    private static Dlt645Value Number(double value, Dlt645DataFormat format)
    {
        decimal d = Truncate(value, format);
        decimal limit = (format.Signed ? Dlt645Bcd.MaxSignedMagnitude(format.Bytes) : Dlt645Bcd.MaxUnsigned(format.Bytes)) / Scale(format);
        return Dlt645Value.OfNumber(Math.Clamp(d, format.Signed ? -limit : 0, limit));
    }

    /// <summary>A register shows whole resolution steps: truncated toward zero, as meters do.</summary>
    private static decimal Truncate(double value, Dlt645DataFormat format)
    {
        decimal scale = Scale(format);
        return decimal.Truncate((decimal)value * scale) / scale;
    }

    private static decimal Scale(Dlt645DataFormat format)
    {
        decimal scale = 1;
        for (int i = 0; i < format.Decimals; i++) scale *= 10;
        return scale;
    }
}
