using CarbonEdge.Cloud.Influx;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Factors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CarbonEdge.Cloud.Estimation;

/// <summary>
/// Runs the daily estimate: at start for yesterday (in case the service was down at midnight), every day shortly after
/// local midnight for the day that ended, and for past days that received late readings once they have been quiet
/// for <see cref="EstimationOptions.LateDataDelaySeconds"/>. A failed run is logged and tried again a minute later.
/// </summary>
internal sealed partial class EstimationScheduler(
    DailyEstimator estimator,
    LateDays lateDays,
    EstimationOptions options,
    TimeProvider time,
    ILogger<EstimationScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var zone = options.TimeZone;
        var afterMidnight = TimeSpan.FromMinutes(options.RunAfterMidnightMinutes);
        var quiet = TimeSpan.FromSeconds(options.LateDataDelaySeconds);
        var today = LocalDay.Of(time.GetUtcNow(), zone);
        var failed = new Dictionary<DateOnly, DateTimeOffset> { [today.AddDays(-1)] = time.GetUtcNow() };
        var nextDaily = LocalDay.UtcBounds(today, zone).End + afterMidnight;

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        do
        {
            var now = time.GetUtcNow();
            var due = new SortedSet<DateOnly>(lateDays.TakeDue(now, quiet));
            if (now >= nextDaily)
            {
                due.Add(LocalDay.Of(now - afterMidnight, zone).AddDays(-1));
                nextDaily = LocalDay.UtcBounds(LocalDay.Of(now, zone), zone).End + afterMidnight;
            }
            foreach (var (day, retryAt) in failed.ToList())
            {
                if (now < retryAt) continue;
                failed.Remove(day);
                due.Add(day);
            }
            foreach (var day in due)
            {
                try
                {
                    await estimator.EstimateAsync(day, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is InfluxQueryException or InfluxWriteException or FactorNotFoundException)
                {
                    LogRunFailed(logger, $"{day:yyyy-MM-dd}", ex.Message);
                    failed[day] = now + RetryDelay;
                }
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Estimation of {Day} failed, trying again in a minute: {Reason}")]
    static partial void LogRunFailed(ILogger logger, string day, string reason);
}
