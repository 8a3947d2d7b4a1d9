using CarbonEdge.Cloud.Influx;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Models;

namespace CarbonEdge.Cloud.Estimation;

/// <summary>
/// Maps an enterprise-day result to a <c>carbon_daily</c> point and back (DESIGN.md "InfluxDB schema"): tags enterprise,
/// region, industry, method, scope; fields tco2, kwh, completeness, factor_version, estimated; time = local midnight of
/// the day. The same enterprise, method, scope and day overwrite: re-estimation never duplicates.
/// </summary>
internal static class CarbonDailyPoints
{
    public const string Measurement = "carbon_daily";

    /// <summary>The fields, in the order <see cref="Read"/> expects them after <c>time</c>.</summary>
    public const string Fields = "kwh, tco2, completeness, estimated, factor_version";

    /// <summary>The tags that identify a result's series.</summary>
    public const string Tags = "enterprise, region, industry, method, scope";

    private static readonly Dictionary<string, EstimationModel> Models =
        Enum.GetValues<EstimationModel>().ToDictionary(m => WireName.Of(m), StringComparer.Ordinal);

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

    /// <summary>
    /// The results of one series of <c>SELECT {Fields} FROM carbon_daily ... GROUP BY {Tags}</c> (events and gap-fill
    /// method are not stored). Rows of an unknown method are skipped.
    /// </summary>
    public static IEnumerable<EnterpriseDay> Read(InfluxSeries series, TimeZoneInfo zone)
    {
        if (!Models.TryGetValue(series.Tags.GetValueOrDefault("method", ""), out var model)) yield break;
        var enterprise = new EnterpriseInfo(series.Tags.GetValueOrDefault("enterprise", ""), series.Tags.GetValueOrDefault("region", ""),
            series.Tags.GetValueOrDefault("industry", ""));
        string scope = series.Tags.GetValueOrDefault("scope", "");
        foreach (var row in series.Values)
        {
            yield return new EnterpriseDay(enterprise, LocalDay.Of(DateTimeOffset.FromUnixTimeMilliseconds((long)row[0]!), zone), model, scope,
                row[1] as double? ?? 0, row[2] as double? ?? 0, row[3] as double? ?? 0, row[4] as bool? ?? true, null,
                (row[5] as string ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries), []);
        }
    }
}
