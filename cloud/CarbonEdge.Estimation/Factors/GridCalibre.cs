namespace CarbonEdge.Estimation.Factors;

/// <summary>
/// The published series of Chinese grid CO2 factors. They are computed on different bases and must never be mixed
/// silently: a grid-factor lookup names exactly one of them.
/// </summary>
public static class GridCalibre
{
    /// <summary>
    /// Carbon-market (ETS) reporting factor, tCO2/MWh: 全国电网平均排放因子, e.g. 0.5703 for 2022 (MEE notice on
    /// 2023–2025 power-sector GHG reporting, early 2023). National only.
    /// </summary>
    public const string EtsReporting = "ets_reporting";

    /// <summary>
    /// MEE/NBS statistical 电力平均二氧化碳排放因子, kgCO2/kWh: national, regional grid and provincial
    /// (e.g. national 0.5366 for 2022; announcement of 2024-12-20).
    /// </summary>
    public const string StatisticalAverage = "statistical_average";

    /// <summary>MEE/NBS national average excluding market-traded non-fossil electricity, kgCO2/kWh.</summary>
    public const string StatisticalAverageExcludingMarketNonFossil = "statistical_average_excl_market_non_fossil";

    /// <summary>MEE/NBS national fossil-power factor, kgCO2/kWh.</summary>
    public const string StatisticalFossil = "statistical_fossil";
}
