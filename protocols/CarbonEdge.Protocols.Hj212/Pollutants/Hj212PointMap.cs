using System.Collections.Frozen;

namespace CarbonEdge.Protocols.Hj212.Pollutants;

/// <summary>One pollutant code of Table B.2 and how its value becomes a CarbonEdge point.</summary>
/// <param name="Code">The HJ 212 code.</param>
/// <param name="Name">What it is.</param>
/// <param name="Hj212Unit">The unit the packet carries (Table B.2).</param>
/// <param name="Point">The telemetry point.</param>
/// <param name="Factor">Point value = packet value x factor.</param>
public sealed record Hj212PointMapping(string Code, string Name, string Hj212Unit, string Point, double Factor)
{
    /// <summary>The value in the point's unit.</summary>
    public double Convert(double hj212Value) => hj212Value * Factor;

    /// <summary>The packet value of a point value (the inverse of <see cref="Convert"/>; used by the simulator).</summary>
    public double ToHj212(double pointValue) => pointValue / Factor;
}

/// <summary>
/// The pollutant codes of HJ 212-2017 Table B.2 that a CEMS stack sends for CO2 accounting, with the explicit
/// conversion to the points of the telemetry contract.
/// </summary>
/// <remarks>
/// <para>a05001 CO2 comes in mg/m3 at standard conditions (273.15 K, 101.325 kPa), dry, as HJ 75-2017 reports
/// gas concentrations; <c>cems.co2</c> is %vol dry. The conversion uses the CO2 density of DESIGN formula 5,
/// 1.9768 kg/m3 at standard conditions (a molar volume of 44.0095 g/mol / 1.9768 kg/m3 = 22.263 L/mol, CO2's real
/// molar volume, not the ideal 22.414), so %vol = mg/m3 / 19768 and formula 5 gives back exactly the mass the unit
/// measured.</para>
/// <para>a00000 flue-gas flow comes in m3/s at standard conditions, dry (HJ 75-2017 §3 and HJ 212-2017 Appendix D:
/// emissions are computed on the dry standard flow); it becomes <c>cems.flow.std_dry</c> in m3/h (x 3600), not the
/// actual-conditions <c>cems.flow</c>.</para>
/// <para>a01011 velocity m/s (<c>cems.velocity</c>), a01012 temperature degC, a01013 pressure kPa, a01014 humidity
/// %, a19001 O2 % keep their units.</para>
/// </remarks>
public static class Hj212PointMap
{
    /// <summary>CO2 density at standard conditions used by the conversion and by DESIGN formula 5, kg/m3.</summary>
    public const double Co2DensityKgPerM3 = 1.9768;

    /// <summary>mg/m3 of CO2 at standard conditions in 1 %vol: 1.9768e6 mg/m3 / 100.</summary>
    public const double Co2MgPerM3PerPercent = Co2DensityKgPerM3 * 1e6 / 100;

    private static readonly Hj212PointMapping[] All =
    [
        new("a05001", "CO2", "mg/m3 (standard, dry)", "cems.co2", 1 / Co2MgPerM3PerPercent),
        new("a19001", "O2", "%", "cems.o2", 1),
        new("a00000", "flue-gas flow", "m3/s (standard, dry)", "cems.flow.std_dry", 3600),
        new("a01011", "flue-gas velocity", "m/s", "cems.velocity", 1),
        new("a01012", "flue-gas temperature", "degC", "cems.temperature", 1),
        new("a01013", "flue-gas pressure", "kPa", "cems.pressure", 1),
        new("a01014", "flue-gas humidity", "%", "cems.humidity", 1),
    ];

    private static readonly FrozenDictionary<string, Hj212PointMapping> ByCode = All.ToFrozenDictionary(m => m.Code, StringComparer.Ordinal);
    private static readonly FrozenDictionary<string, Hj212PointMapping> ByPoint = All.ToFrozenDictionary(m => m.Point, StringComparer.Ordinal);

    /// <summary>Every mapped code.</summary>
    public static IReadOnlyList<Hj212PointMapping> Mappings => All;

    /// <summary>The mapping of pollutant code <paramref name="code"/>.</summary>
    public static bool TryGet(string code, out Hj212PointMapping mapping) => ByCode.TryGetValue(code, out mapping!);

    /// <summary>The mapping that produces point <paramref name="point"/>.</summary>
    public static bool TryGetByPoint(string point, out Hj212PointMapping mapping) => ByPoint.TryGetValue(point, out mapping!);
}
