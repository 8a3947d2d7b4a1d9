namespace CarbonEdge.Estimation.Factors;

/// <summary>Unit conversions of factor values. 1 kgCO2/kWh = 1 tCO2/MWh; 1 tce = 1000 kgce.</summary>
public static class Units
{
    /// <summary>An electricity emission factor (grid or enterprise) in tCO2/MWh.</summary>
    /// <exception cref="ArgumentException">Unit is neither tCO2/MWh nor kgCO2/kWh.</exception>
    public static double TonnesCo2PerMwh(Factor factor) => factor.Unit switch
    {
        "tCO2/MWh" or "kgCO2/kWh" => factor.Value,
        _ => throw new ArgumentException($"{factor.VersionId}: unit {factor.Unit} is not an electricity emission factor (tCO2/MWh, kgCO2/kWh)"),
    };
}
