using CarbonEdge.Cloud.Influx;
using CarbonEdge.Estimation.Electricity;
using CarbonEdge.Protocols.Telemetry;
using Quality = CarbonEdge.Estimation.Electricity.ReadingQuality;

namespace CarbonEdge.Cloud.Estimation;

/// <summary>Reads meters' energy registers (<c>energy.active.import</c>) back from the <c>reading</c> measurement.</summary>
internal sealed class RegisterQuery(InfluxQueryClient influx)
{
    /// <summary>
    /// Register readings of every meter of <paramref name="enterprise"/> with <c>from &lt;= time &lt; to</c>, by (site, device),
    /// in time order; readings of the same device through several gateways are merged.
    /// </summary>
    /// <exception cref="InfluxQueryException">InfluxDB refused or could not answer.</exception>
    public async Task<Dictionary<(string Site, string Device), List<RegisterReading>>> LoadAsync(
        string enterprise, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        string query = $"SELECT value, quality FROM reading WHERE enterprise = {InfluxQl.Literal(enterprise)} " +
                       $"AND point = {InfluxQl.Literal(Points.EnergyActiveImport)} " +
                       $"AND time >= {InfluxQl.Time(from)} AND time < {InfluxQl.Time(to)} GROUP BY site, device";
        var result = new Dictionary<(string, string), List<RegisterReading>>();
        foreach (var series in await influx.QueryAsync(query, cancellationToken).ConfigureAwait(false))
        {
            int value = series.IndexOf("value"), quality = series.IndexOf("quality");
            var readings = new List<RegisterReading>(series.Values.Count);
            foreach (var row in series.Values)
            {
                if (row[value] is not double v) continue; // bad readings carry no value
                QualityNames.TryParse(row[quality] as string, out var q);
                readings.Add(new RegisterReading(DateTimeOffset.FromUnixTimeMilliseconds((long)row[0]!), v, q switch
                {
                    Protocols.Telemetry.ReadingQuality.Good => Quality.Good,
                    Protocols.Telemetry.ReadingQuality.Uncertain => Quality.Uncertain,
                    _ => Quality.Bad,
                }));
            }
            result[(series.Tags.GetValueOrDefault("site", ""), series.Tags.GetValueOrDefault("device", ""))] = readings;
        }
        return result;
    }
}
