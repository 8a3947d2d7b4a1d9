namespace CarbonEdge.Cloud.Registry;

/// <summary>An enterprise (the accounting unit of the carbon platform).</summary>
/// <param name="Id">Enterprise id, <c>[a-z0-9-]{1,64}</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="Region">GB/T 2260 six-digit administrative division code of its county (e.g. 320583).</param>
/// <param name="Industry">GB/T 4754 industry code (e.g. 3130).</param>
internal sealed record EnterpriseInfo(string Id, string Name, string Region, string Industry);

/// <summary>A plant site of an enterprise; gateways publish under its id.</summary>
/// <param name="Id">Site id, <c>[a-z0-9-]{1,64}</c>.</param>
/// <param name="Enterprise">Owning enterprise id.</param>
/// <param name="Name">Display name.</param>
internal sealed record SiteInfo(string Id, string Enterprise, string Name);

/// <summary>A field device of a site, with what estimation needs of a meter.</summary>
/// <param name="Site">Site id.</param>
/// <param name="Id">Device id, unique within its site.</param>
/// <param name="Kind"><c>meter</c> or <c>cems</c>.</param>
/// <param name="Name">Display name (e.g. "Main incomer").</param>
/// <param name="Multiplier">CT x PT ratio applied to the energy register (1 when the meter reads primary values).</param>
/// <param name="RolloverKwh">Largest register value before it wraps (e.g. 999999.99), or null.</param>
/// <param name="IntervalSeconds">Nominal polling interval, for completeness.</param>
internal sealed record DeviceInfo(string Site, string Id, string Kind, string Name, double Multiplier, double? RolloverKwh, int IntervalSeconds);

/// <summary>The kinds of device the registry knows.</summary>
internal static class DeviceKinds
{
    /// <summary>An electricity meter: its <c>energy.active.import</c> register drives formula 1.</summary>
    public const string Meter = "meter";

    /// <summary>A CEMS stack analyzer: its <c>cems.*</c> readings drive formula 5.</summary>
    public const string Cems = "cems";
}

/// <summary>A device with the enterprise tags every reading of it is written with.</summary>
/// <param name="Device">The device.</param>
/// <param name="Enterprise">Its enterprise.</param>
internal sealed record DeviceContext(DeviceInfo Device, EnterpriseInfo Enterprise);

/// <summary>One line of an enterprise's monthly energy-by-kind report (the county-level statistical report; DESIGN.md formula 3).</summary>
/// <param name="Enterprise">Enterprise id.</param>
/// <param name="Month">The month reported, <c>YYYY-MM</c>.</param>
/// <param name="EnergyKind">Energy kind as the factor library names it (<c>raw_coal</c>, <c>natural_gas</c>, ...), or <c>electricity</c> (E_lastMonth).</param>
/// <param name="Quantity">Quantity consumed in the month, in <paramref name="Unit"/>, &gt;= 0.</param>
/// <param name="Unit">t, kg, 10^4 m3, m3, MWh, kWh, 10^4 kWh, GJ or MJ, fitting the kind's standard-coal coefficient.</param>
internal sealed record EnergyReportLine(string Enterprise, string Month, string EnergyKind, double Quantity, string Unit);

/// <summary>An enterprise's verified annual figures (DESIGN.md formula 4: f_e = verified tCO2 / annual MWh).</summary>
/// <param name="Enterprise">Enterprise id.</param>
/// <param name="Year">The reporting year.</param>
/// <param name="Tco2">Verified annual emissions, tCO2, &gt; 0.</param>
/// <param name="Mwh">The enterprise's electricity in that year, MWh, &gt; 0.</param>
/// <param name="Document">The verification report the figures come from, or null.</param>
internal sealed record VerifiedEmissions(string Enterprise, int Year, double Tco2, double Mwh, string? Document = null)
{
    /// <summary>Revision of the figures in the registry, from 1, raised whenever they change: the version of the factor derived from them.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int Revision { get; init; } = 1;
}

/// <summary>The seed file of the registry (JSON): enterprises, sites, devices, monthly energy reports and verified annual figures.</summary>
internal sealed class RegistrySeed
{
    public List<EnterpriseInfo> Enterprises { get; set; } = [];
    public List<SiteInfo> Sites { get; set; } = [];
    public List<DeviceInfo> Devices { get; set; } = [];
    public List<EnergyReportLine> Reports { get; set; } = [];
    public List<VerifiedEmissions> Verified { get; set; } = [];
}

/// <summary>What a batch's <c>seq</c> says against the last one seen from its gateway.</summary>
internal enum SeqCheck
{
    /// <summary>The first batch seen from this gateway.</summary>
    First,
    /// <summary>Exactly last + 1.</summary>
    Next,
    /// <summary>Above last + 1: batches in between are missing (or still to come).</summary>
    Gap,
    /// <summary>At or below the last: a redelivery (at-least-once) or a gateway that lost its buffer.</summary>
    Repeat,
}
