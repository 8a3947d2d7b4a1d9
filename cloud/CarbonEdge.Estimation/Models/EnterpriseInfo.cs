namespace CarbonEdge.Estimation.Models;

/// <summary>An enterprise as the estimation and roll-ups see it.</summary>
/// <param name="Id">Enterprise id.</param>
/// <param name="Region">GB/T 2260 six-digit code of its county (or city/province when that is all that is known).</param>
/// <param name="Industry">GB/T 4754-2017 industry code (e.g. <c>3110</c> iron making, <c>C31</c>).</param>
public sealed record EnterpriseInfo(string Id, string Region, string Industry);
