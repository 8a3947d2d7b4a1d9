using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Ingestion;
using CarbonEdge.Cloud.Live;
using CarbonEdge.Protocols.Telemetry;

namespace CarbonEdge.Cloud.Hosting;

/// <summary>
/// At start, and until it succeeds: creates the InfluxDB 1.x database when <see cref="InfluxOptions.CreateDatabase"/> is
/// set, then seeds the live values with the last reading of every point of the past day, so that the dashboard is not
/// empty after a restart. Ingestion retries its writes meanwhile.
/// </summary>
internal sealed partial class InfluxBootstrap(
    InfluxQueryClient influx,
    InfluxOptions options,
    LiveValues live,
    TimeProvider time,
    ILogger<InfluxBootstrap> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (options.CreateDatabase && options.Token is null)
                    await influx.ExecuteAsync($"CREATE DATABASE {InfluxQl.Identifier(options.Database)}", stoppingToken).ConfigureAwait(false);
                int seeded = await SeedLiveAsync(stoppingToken).ConfigureAwait(false);
                LogReady(logger, options.Url, options.Database, seeded);
                return;
            }
            catch (InfluxQueryException ex)
            {
                LogNotReady(logger, options.Url, ex.Message, delay.TotalSeconds);
            }
            await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
        }
    }

    private async Task<int> SeedLiveAsync(CancellationToken cancellationToken)
    {
        var series = await influx.QueryAsync(
            $"SELECT last(value) AS value, quality FROM {ReadingPoints.Measurement} WHERE time > now() - 1d GROUP BY site, gateway, device, point",
            cancellationToken).ConfigureAwait(false);
        int seeded = 0;
        foreach (var s in series)
        {
            int value = s.IndexOf("value"), quality = s.IndexOf("quality");
            string point = s.Tags.GetValueOrDefault("point", "");
            if (!Points.TryGet(point, out var definition)) continue;
            foreach (var row in s.Values)
            {
                if (row[value] is not double v) continue;
                QualityNames.TryParse(row[quality] as string, out var q);
                live.Offer(s.Tags.GetValueOrDefault("site", ""), s.Tags.GetValueOrDefault("device", ""), point,
                    new LiveValue(v, definition.Unit, DateTimeOffset.FromUnixTimeMilliseconds((long)row[0]!), q, s.Tags.GetValueOrDefault("gateway", "")));
                seeded++;
            }
        }
        return seeded;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "InfluxDB {Url} database {Database} ready; {Seeded} live values restored")]
    static partial void LogReady(ILogger logger, string url, string database, int seeded);

    [LoggerMessage(Level = LogLevel.Warning, Message = "InfluxDB {Url} not ready ({Reason}); retrying in {Seconds} s")]
    static partial void LogNotReady(ILogger logger, string url, string reason, double seconds);
}
