using CarbonEdge.Cloud.Influx;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Models;

namespace CarbonEdge.Cloud.Estimation;

/// <summary>
/// Maps an enterprise-day result to a <c>carbon_daily</c> point (DESIGN.md "InfluxDB schema"): tags enterprise, region,
/// industry, method, scope; fields tco2, kwh, completeness, factor_version, estimated; time = local midnight of the day.
/// The same enterprise, method, scope and day overwrite: re-estimation never duplicates.
/// </summary>
internal static class CarbonDailyPoints
{
    public const string Measurement = "carbon_daily";

    public static LinePoint From(EnterpriseDay result, TimeZoneInfo zone) => new(
        Measurement,
        [
            new("enterprise", result.Enterprise.Id), new("region", result.Enterprise.Region), new("industry", result.Enterprise.Industry),
            new("method", WireName.Of(result.Model)), new("scope", result.Scope),
        ],
        [
            new("tco2", result.Tco2), new("kwh", result.Kwh), new("completeness", result.Completeness),
            new("factor_version", result.FactorVersion), new("estimated", result.Estimated),
        ],
        LocalDay.UtcBounds(result.Day, zone).Start.ToUnixTimeMilliseconds());
}
