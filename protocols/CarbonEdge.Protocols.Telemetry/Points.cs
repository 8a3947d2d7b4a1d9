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
