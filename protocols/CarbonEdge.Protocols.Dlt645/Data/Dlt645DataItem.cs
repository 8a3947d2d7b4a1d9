namespace CarbonEdge.Protocols.Dlt645.Data;

/// <summary>
/// One entry of the data identifier catalogue: what the DI means, its format and unit, and the telemetry point each of
/// its values maps to. A block (an FF identifier, or a frozen energy record of total and tariffs) carries several
/// values of the same format back to back; <see cref="Points"/> names them in order (null: not published).
/// </summary>
/// <param name="Identifier">The data identifier.</param>
/// <param name="Name">What the standard calls it, in English.</param>
/// <param name="Format">The format of each value.</param>
/// <param name="Unit">The unit of the values (as the telemetry contract writes it; empty for times).</param>
/// <param name="Points">Telemetry point per value in order; one entry for a single value.</param>
/// <param name="Table">Where the standard defines it (e.g. "DL/T 645-2007 Table A.1").</param>
public sealed record Dlt645DataItem(Dlt645DataIdentifier Identifier, string Name, Dlt645DataFormat Format, string Unit,
    IReadOnlyList<string?> Points, string Table)
{
    /// <summary>True when the reply may hold several values.</summary>
    public bool IsBlock => Points.Count > 1 || IsFrozenEnergy;

    /// <summary>True for a daily frozen forward active energy record (05060101..0506013E).</summary>
    public bool IsFrozenEnergy => Identifier.Version == Dlt645Version.V2007 && (Identifier.Value & 0xFFFFFF00) == 0x05060100;
}
