using System.Collections.Frozen;

namespace CarbonEdge.Protocols.Dlt645.Data;

/// <summary>
/// The data identifiers CarbonEdge reads, with formats, units and telemetry points (DESIGN.md point table).
/// 2007: energy (Table A.1: combined/forward/reverse active, combined reactive 1 and 2; total, tariffs 1–4, FF block;
/// DI0 = 00 current), variables (Table A.3: voltage, current, active/reactive/apparent power, power factor per phase and
/// block, frequency 02800002), parameters (Table A.4: date 04000101, time 04000102), daily freeze (Table A.6: freeze
/// time 050600nn, forward active energy 050601nn for the nn-th last day, nn = 01..3E). 1997: 9010–901F, 9020–902F,
/// 9110, 9120, B611–B613, B621–B623, B630–B633, B640–B643, B650–B653, C010, C011 (DL/T 645-1997 Appendix A).
/// </summary>
public static class Dlt645Catalog
{
    /// <summary>Freeze time of the last day (DL/T 645-2007 Table A.6).</summary>
    public static readonly Dlt645DataIdentifier DailyFreezeTime = new(0x05060001);
    /// <summary>Forward active energy (total, tariffs) frozen at the last daily freeze (DL/T 645-2007 Table A.6).</summary>
    public static readonly Dlt645DataIdentifier DailyFrozenForwardActiveEnergy = new(0x05060101);
    /// <summary>The meter's date YYMMDDWW (DL/T 645-2007 Table A.4).</summary>
    public static readonly Dlt645DataIdentifier Date = new(0x04000101);
    /// <summary>The meter's time hhmmss (DL/T 645-2007 Table A.4).</summary>
    public static readonly Dlt645DataIdentifier Time = new(0x04000102);
    /// <summary>Forward active energy, total (DL/T 645-2007 Table A.1).</summary>
    public static readonly Dlt645DataIdentifier ForwardActiveEnergy = new(0x00010000);

    /// <summary>The n-th last day's freeze time (n = 1..62).</summary>
    public static Dlt645DataIdentifier DailyFreezeTimeOf(int daysBack) => new(0x05060000u | CheckDays(daysBack));

    /// <summary>The n-th last day's frozen forward active energy (n = 1..62).</summary>
    public static Dlt645DataIdentifier DailyFrozenForwardActiveEnergyOf(int daysBack) => new(0x05060100u | CheckDays(daysBack));

    private static readonly Dlt645DataItem[] Items = [.. Build2007(), .. Build1997()];

    private static readonly FrozenDictionary<Dlt645DataIdentifier, Dlt645DataItem> ById = Items.ToFrozenDictionary(i => i.Identifier);

    /// <summary>Every entry, 2007 first.</summary>
    public static IReadOnlyList<Dlt645DataItem> All => Items;

    /// <summary>Looks an identifier up.</summary>
    public static bool TryGet(Dlt645DataIdentifier identifier, out Dlt645DataItem item) => ById.TryGetValue(identifier, out item!);

    private static uint CheckDays(int daysBack)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(daysBack, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(daysBack, 62);
        return (uint)daysBack;
    }

    private static IEnumerable<Dlt645DataItem> Build2007()
    {
        const string energyTable = "DL/T 645-2007 Table A.1";
        var energies = new (byte Di2, string Name, string Unit, Dlt645DataFormat Format, string? Point)[]
        {
            (0x00, "combined active energy", "kWh", Dlt645DataFormat.SignedEnergy, "energy.active.combined"),
            (0x01, "forward active energy", "kWh", Dlt645DataFormat.Energy, "energy.active.import"),
            (0x02, "reverse active energy", "kWh", Dlt645DataFormat.Energy, "energy.active.export"),
            (0x03, "combined reactive energy 1", "kvarh", Dlt645DataFormat.SignedEnergy, "energy.reactive.import"),
            (0x04, "combined reactive energy 2", "kvarh", Dlt645DataFormat.SignedEnergy, "energy.reactive.export"),
        };
        foreach (var e in energies)
        {
            // Tariff points are published for forward active energy only; the others carry their total.
            string? Tariff(int t) => e.Di2 == 0x01 ? $"{e.Point}.t{t}" : null;
            yield return new(new(0x00000000u | (uint)e.Di2 << 16), $"{e.Name}, total", e.Format, e.Unit, [e.Point], energyTable);
            for (int t = 1; t <= 4; t++)
            {
                yield return new(new((uint)e.Di2 << 16 | (uint)t << 8), $"{e.Name}, tariff {t}", e.Format, e.Unit, [Tariff(t)], energyTable);
            }
            yield return new(new((uint)e.Di2 << 16 | 0xFF00), $"{e.Name}, block (total, tariffs 1..4)", e.Format, e.Unit,
                [e.Point, Tariff(1), Tariff(2), Tariff(3), Tariff(4)], energyTable);
        }

        const string variableTable = "DL/T 645-2007 Table A.3";
        string[] phases = ["a", "b", "c"];
        var phased = new (uint Di3Di2, string Name, string Unit, Dlt645DataFormat Format, string Point)[]
        {
            (0x0201, "voltage", "V", Dlt645DataFormat.Voltage, "voltage"),
            (0x0202, "current", "A", Dlt645DataFormat.Current, "current"),
        };
        foreach (var v in phased)
        {
            for (int p = 1; p <= 3; p++)
            {
                yield return new(new(v.Di3Di2 << 16 | (uint)p << 8), $"phase {phases[p - 1].ToUpperInvariant()} {v.Name}", v.Format, v.Unit, [$"{v.Point}.{phases[p - 1]}"], variableTable);
            }
            yield return new(new(v.Di3Di2 << 16 | 0xFF00), $"{v.Name} block (A, B, C)", v.Format, v.Unit, [.. phases.Select(ph => $"{v.Point}.{ph}")], variableTable);
        }
        var totals = new (uint Di3Di2, string Name, string Unit, Dlt645DataFormat Format, string Point)[]
        {
            (0x0203, "active power", "kW", Dlt645DataFormat.Power, "power.active"),
            (0x0204, "reactive power", "kvar", Dlt645DataFormat.Power, "power.reactive"),
            (0x0205, "apparent power", "kVA", Dlt645DataFormat.Power, "power.apparent"),
            (0x0206, "power factor", "1", Dlt645DataFormat.PowerFactor, "power.factor"),
        };
        foreach (var v in totals)
        {
            yield return new(new(v.Di3Di2 << 16), $"total {v.Name}", v.Format, v.Unit, [v.Point], variableTable);
            for (int p = 1; p <= 3; p++)
            {
                yield return new(new(v.Di3Di2 << 16 | (uint)p << 8), $"phase {phases[p - 1].ToUpperInvariant()} {v.Name}", v.Format, v.Unit, [$"{v.Point}.{phases[p - 1]}"], variableTable);
            }
            yield return new(new(v.Di3Di2 << 16 | 0xFF00), $"{v.Name} block (total, A, B, C)", v.Format, v.Unit,
                [v.Point, .. phases.Select(ph => $"{v.Point}.{ph}")], variableTable);
        }
        yield return new(new(0x02800002), "grid frequency", Dlt645DataFormat.Frequency, "Hz", ["frequency"], variableTable);
        yield return new(Date, "date and day of week", Dlt645DataFormat.Date, "", [null], "DL/T 645-2007 Table A.4");
        yield return new(Time, "time", Dlt645DataFormat.Time, "", [null], "DL/T 645-2007 Table A.4");
        for (int n = 1; n <= 62; n++)
        {
            yield return new(DailyFreezeTimeOf(n), $"daily freeze time, {n} day(s) back", Dlt645DataFormat.FreezeTime, "", [null], "DL/T 645-2007 Table A.6");
            yield return new(DailyFrozenForwardActiveEnergyOf(n), $"daily frozen forward active energy (total, tariffs), {n} day(s) back",
                Dlt645DataFormat.Energy, "kWh", [n == 1 ? "energy.active.import.frozen" : null], "DL/T 645-2007 Table A.6");
        }
    }

    private static IEnumerable<Dlt645DataItem> Build1997()
    {
        const string table = "DL/T 645-1997 Appendix A";
        static Dlt645DataIdentifier Id(uint value) => new(value, Dlt645Version.V1997);
        var energies = new (uint Base, string Name, string Unit, string Point)[]
        {
            (0x9010, "forward active energy", "kWh", "energy.active.import"),
            (0x9020, "reverse active energy", "kWh", "energy.active.export"),
        };
        foreach (var e in energies)
        {
            string? Tariff(int t) => e.Base == 0x9010 ? $"{e.Point}.t{t}" : null;
            yield return new(Id(e.Base), $"{e.Name}, total", Dlt645DataFormat.Energy, e.Unit, [e.Point], table);
            for (int t = 1; t <= 4; t++) yield return new(Id(e.Base + (uint)t), $"{e.Name}, tariff {t}", Dlt645DataFormat.Energy, e.Unit, [Tariff(t)], table);
            yield return new(Id(e.Base | 0xF), $"{e.Name}, block (total, tariffs 1..4)", Dlt645DataFormat.Energy, e.Unit,
                [e.Point, Tariff(1), Tariff(2), Tariff(3), Tariff(4)], table);
        }
        yield return new(Id(0x9110), "forward reactive energy, total", Dlt645DataFormat.Energy, "kvarh", ["energy.reactive.import"], table);
        yield return new(Id(0x9120), "reverse reactive energy, total", Dlt645DataFormat.Energy, "kvarh", ["energy.reactive.export"], table);
        string[] phases = ["a", "b", "c"];
        for (int p = 1; p <= 3; p++)
        {
            string ph = phases[p - 1];
            yield return new(Id(0xB610 + (uint)p), $"phase {ph.ToUpperInvariant()} voltage", Dlt645DataFormat.Voltage1997, "V", [$"voltage.{ph}"], table);
            yield return new(Id(0xB620 + (uint)p), $"phase {ph.ToUpperInvariant()} current", Dlt645DataFormat.Current1997, "A", [$"current.{ph}"], table);
        }
        var totals = new (uint Base, string Name, string Unit, Dlt645DataFormat Format, string Point)[]
        {
            (0xB630, "active power", "kW", Dlt645DataFormat.Power1997, "power.active"),
            (0xB640, "reactive power", "kvar", Dlt645DataFormat.ReactivePower1997, "power.reactive"),
            (0xB650, "power factor", "1", Dlt645DataFormat.PowerFactor1997, "power.factor"),
        };
        foreach (var v in totals)
        {
            yield return new(Id(v.Base), $"total {v.Name}", v.Format, v.Unit, [v.Point], table);
            for (int p = 1; p <= 3; p++) yield return new(Id(v.Base + (uint)p), $"phase {phases[p - 1].ToUpperInvariant()} {v.Name}", v.Format, v.Unit, [$"{v.Point}.{phases[p - 1]}"], table);
        }
        yield return new(Id(0xC010), "date and day of week", Dlt645DataFormat.Date, "", [null], table);
        yield return new(Id(0xC011), "time", Dlt645DataFormat.Time, "", [null], table);
    }
}
