using System.Collections.Frozen;

namespace CarbonEdge.Protocols.Telemetry;

/// <summary>A point name with its fixed unit and meaning (DESIGN.md, point table).</summary>
/// <param name="Name">Lowercase dotted name, e.g. <c>energy.active.import</c>.</param>
/// <param name="Unit">The one unit values of this point carry, e.g. <c>kWh</c>.</param>
/// <param name="Meaning">What the value is.</param>
/// <param name="IsCumulative">True for energy registers that only grow (until rollover or meter replacement).</param>
public sealed record PointDefinition(string Name, string Unit, string Meaning, bool IsCumulative = false);

/// <summary>The point catalog of telemetry contract v1: names and their fixed units.</summary>
public static class Points
{
    /// <summary>Cumulative forward active energy register (total), kWh.</summary>
    public const string EnergyActiveImport = "energy.active.import";
    /// <summary>Cumulative reverse active energy, kWh.</summary>
    public const string EnergyActiveExport = "energy.active.export";
    /// <summary>Cumulative reactive energy, kvarh.</summary>
    public const string EnergyReactiveImport = "energy.reactive.import";
    /// <summary>Total active power, kW.</summary>
    public const string PowerActive = "power.active";
    /// <summary>Total reactive power, kvar.</summary>
    public const string PowerReactive = "power.reactive";
    /// <summary>Total power factor, dimensionless.</summary>
    public const string PowerFactor = "power.factor";
    /// <summary>Grid frequency, Hz.</summary>
    public const string Frequency = "frequency";
    /// <summary>The meter's own daily frozen forward active energy (DL/T 645 05060101), kWh; ts is the meter's freeze time.</summary>
    public const string EnergyActiveImportFrozen = "energy.active.import.frozen";
    /// <summary>Device clock minus gateway clock, s (positive: device fast).</summary>
    public const string ClockDrift = "clock.drift";

    private static readonly PointDefinition[] All =
    [
        new(EnergyActiveImport, "kWh", "cumulative forward active energy register (total)", IsCumulative: true),
        new(EnergyActiveExport, "kWh", "cumulative reverse active energy", IsCumulative: true),
        new(EnergyReactiveImport, "kvarh", "cumulative reactive energy", IsCumulative: true),
        new(PowerActive, "kW", "total active power"),
        new("power.active.a", "kW", "active power, phase A"),
        new("power.active.b", "kW", "active power, phase B"),
        new("power.active.c", "kW", "active power, phase C"),
        new(PowerReactive, "kvar", "total reactive power"),
        new("voltage.a", "V", "phase voltage A"),
        new("voltage.b", "V", "phase voltage B"),
        new("voltage.c", "V", "phase voltage C"),
        new("current.a", "A", "phase current A"),
        new("current.b", "A", "phase current B"),
        new("current.c", "A", "phase current C"),
        new(PowerFactor, "1", "total power factor"),
        new(Frequency, "Hz", "grid frequency"),
        // DL/T 645 meters carry these too (docs/dlt645.md).
        new("energy.active.combined", "kWh", "combined active energy (DL/T 645: import minus export or as configured)"),
        new("energy.reactive.export", "kvarh", "cumulative reactive energy, combined reactive 2 (DL/T 645)", IsCumulative: true),
        new("energy.active.import.t1", "kWh", "forward active energy, tariff 1", IsCumulative: true),
        new("energy.active.import.t2", "kWh", "forward active energy, tariff 2", IsCumulative: true),
        new("energy.active.import.t3", "kWh", "forward active energy, tariff 3", IsCumulative: true),
        new("energy.active.import.t4", "kWh", "forward active energy, tariff 4", IsCumulative: true),
        new("power.reactive.a", "kvar", "reactive power, phase A"),
        new("power.reactive.b", "kvar", "reactive power, phase B"),
        new("power.reactive.c", "kvar", "reactive power, phase C"),
        new("power.apparent", "kVA", "total apparent power"),
        new("power.apparent.a", "kVA", "apparent power, phase A"),
        new("power.apparent.b", "kVA", "apparent power, phase B"),
        new("power.apparent.c", "kVA", "apparent power, phase C"),
        new("power.factor.a", "1", "power factor, phase A"),
        new("power.factor.b", "1", "power factor, phase B"),
        new("power.factor.c", "1", "power factor, phase C"),
        new(EnergyActiveImportFrozen, "kWh", "the meter's daily frozen forward active energy (DL/T 645 05060101); ts = freeze time, tsSource device"),
        new(ClockDrift, "s", "device clock minus gateway clock (positive: device fast)"),
        new("cems.co2", "%vol", "stack CO2 concentration (dry)"),
        new("cems.o2", "%vol", "stack O2"),
        new("cems.flow", "m3/h", "stack flow, actual conditions"),
        new("cems.temperature", "degC", "flue gas temperature"),
        new("cems.pressure", "kPa", "flue gas static pressure (gauge)"),
        new("cems.humidity", "%vol", "flue gas moisture"),
        new("cems.flow.std_dry", "m3/h", "stack flow at standard conditions (273.15 K, 101.325 kPa), dry"),
        new("cems.velocity", "m/s", "flue gas velocity"),
    ];

    private static readonly FrozenDictionary<string, PointDefinition> ByName =
        All.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);

    /// <summary>Every point of the catalog, in table order.</summary>
    public static IReadOnlyList<PointDefinition> Catalog => All;

    /// <summary>Looks a point up by name (case-sensitive: names are lowercase).</summary>
    public static bool TryGet(string name, out PointDefinition definition) =>
        ByName.TryGetValue(name, out definition!);

    /// <summary>The fixed unit of <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">Not a point of the catalog.</exception>
    public static string UnitOf(string name) =>
        TryGet(name, out var definition) ? definition.Unit : throw new KeyNotFoundException($"Unknown point '{name}'.");
}
