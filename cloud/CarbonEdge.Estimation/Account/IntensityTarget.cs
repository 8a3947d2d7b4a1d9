namespace CarbonEdge.Estimation.Account;

/// <summary>
/// Target intensities of an enterprise (T/ZJSEE energy-power monitoring guide §6.3.1.5 e: 重点企业碳排放强度、能耗强度预警):
/// the values per 10^4 CNY of value added above which a warning is raised.
/// </summary>
/// <param name="Tco2PerValueAdded">Target tCO2 per 10^4 CNY value added (&gt; 0).</param>
/// <param name="TcePerValueAdded">Target tce per 10^4 CNY value added (&gt; 0), or null when energy intensity is not watched.</param>
public sealed record IntensityTarget(double Tco2PerValueAdded, double? TcePerValueAdded);
