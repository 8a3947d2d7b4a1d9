using CarbonEdge.Cloud.Influx;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Factors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CarbonEdge.Cloud.Estimation;

/// <summary>
/// Runs the estimation (<see cref="EstimationRun"/>: <c>carbon_daily</c>, then the roll-ups): at start for yesterday (in
/// case the service was down at midnight), every day shortly after local midnight for the day that ended, and for the
/// past days late readings affect (<see cref="LateDayResolver"/>) once they have been quiet for
/// <see cref="EstimationOptions.LateDataDelaySeconds"/>. Days due together run together, so their roll-ups are rebuilt
/// once. A failed run is logged and tried again a minute later.
/// </summary>
internal sealed partial class EstimationScheduler(
    EstimationRun run,
    LateDays lateDays,
    LateDayResolver resolver,
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
        var maxWait = TimeSpan.FromSeconds(options.LateDataMaxWaitSeconds);
        var today = LocalDay.Of(time.GetUtcNow(), zone);
        var failed = new Dictionary<DateOnly, DateTimeOffset> { [today.AddDays(-1)] = time.GetUtcNow() };
        var nextDaily = LocalDay.UtcBounds(today, zone).End + afterMidnight;

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        do
        {
            var now = time.GetUtcNow();
            var due = new SortedSet<DateOnly>();
            if (lateDays.TakeDue(now, quiet, maxWait) is { Count: > 0 } spans)
            {
                try
                {
                    // the day the next scheduled run estimates is left to it: it reads everything stored by then
                    var scheduled = LocalDay.Of(nextDaily - afterMidnight, zone).AddDays(-1);
                    var days = (await resolver.AffectedDaysAsync(spans, LocalDay.Of(now, zone), stoppingToken).ConfigureAwait(false))
                        .Where(d => d != scheduled || now >= nextDaily).ToList();
                    if (days.Count > 0) LogLateDays(logger, spans.Count, string.Join(", ", days.Select(d => $"{d:yyyy-MM-dd}")));
                    due.UnionWith(days);
                }
                catch (InfluxQueryException ex)
                {
                    LogResolveFailed(logger, spans.Count, ex.Message);
                    lateDays.Restore(spans, now);
                }
            }
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
            if (due.Count == 0) continue;
            try
            {
                await run.RunAsync(due, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InfluxQueryException or InfluxWriteException or FactorLibraryException || Export.EventHubsExport.IsFailure(ex))
            {
                LogRunFailed(logger, string.Join(", ", due.Select(d => $"{d:yyyy-MM-dd}")), ex.Message);
                foreach (var day in due) failed[day] = now + RetryDelay;
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Late readings of {Devices} device(s) affect {Days}: estimating again")]
    static partial void LogLateDays(ILogger logger, int devices, string days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look up the stored neighbours of late readings of {Devices} device(s), trying again: {Reason}")]
    static partial void LogResolveFailed(ILogger logger, int devices, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Estimation of {Days} failed, trying again in a minute: {Reason}")]
    static partial void LogRunFailed(ILogger logger, string days, string reason);
}
