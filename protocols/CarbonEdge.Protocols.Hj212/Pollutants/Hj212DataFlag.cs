using CarbonEdge.Protocols.Telemetry;

namespace CarbonEdge.Protocols.Hj212.Pollutants;

/// <summary>
/// Data flags (<c>-Flag</c>) and the reading quality each gives: N is good; S (set manually) and T (above the
/// measuring range) keep their value as uncertain; F, M, D, C, B carry no valid measurement and give a bad reading.
/// The reason always names the flag.
/// </summary>
/// <remarks>HJ 212-2017 Table 6 and §6.6.3 (data flags): N normal, F stopped, M maintenance, S manual set value,
/// D fault, C calibration, T above the upper measuring limit, B communication failure.</remarks>
public static class Hj212DataFlag
{
    /// <summary>The quality and reason for <paramref name="flag"/> (null: no flag sent, taken as N).</summary>
    public static (ReadingQuality Quality, string? Reason) ToQuality(char? flag) => flag switch
    {
        null or 'N' => (ReadingQuality.Good, null),
        'S' => (ReadingQuality.Uncertain, "hj212 flag S (manually set value)"),
        'T' => (ReadingQuality.Uncertain, "hj212 flag T (above measuring range)"),
        'F' => (ReadingQuality.Bad, "hj212 flag F (stopped)"),
        'M' => (ReadingQuality.Bad, "hj212 flag M (maintenance)"),
        'D' => (ReadingQuality.Bad, "hj212 flag D (fault)"),
        'C' => (ReadingQuality.Bad, "hj212 flag C (calibration)"),
        'B' => (ReadingQuality.Bad, "hj212 flag B (communication failure)"),
        { } other => (ReadingQuality.Bad, $"hj212 flag {other} (unknown)"),
    };
}
