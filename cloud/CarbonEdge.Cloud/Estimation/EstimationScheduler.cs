using CarbonEdge.Cloud.Influx;
using CarbonEdge.Cloud.Registry;
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
/// Of several instances sharing the registry, only the one holding the <see cref="EstimationLease"/> does any of this;
/// the others hand the late readings their ingestion noted to it through the registry every second, and keep their
/// own start-up and midnight runs pending until they take the lease over (a holder that died: its lease expired).
/// </summary>
internal sealed partial class EstimationScheduler(
    EstimationRun run,
    LateDays lateDays,
    LateDayResolver resolver,
    EstimationLease lease,
    RegistryStore registry,
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
        try
        {
            do
            {
                var now = time.GetUtcNow();
                if (!lease.TryHold())
                {
                    HandOverLateSpans(now);
                    continue;
                }
                await EstimateDueAsync(now, stoppingToken).ConfigureAwait(false);
            } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        finally
        {
            lease.Release();
        }

        async Task EstimateDueAsync(DateTimeOffset now, CancellationToken stoppingToken)
        {
            if (TakeHandedOverSpans() is { Count: > 0 } handed) lateDays.Restore(handed, now);
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
            if (due.Count == 0) return;
            try
            {
                LogRunning(logger, string.Join(", ", due.Select(d => $"{d:yyyy-MM-dd}")), lease.Holder);
                await run.RunAsync(due, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InfluxQueryException or InfluxWriteException or FactorLibraryException || Export.EventHubsExport.IsFailure(ex))
            {
                LogRunFailed(logger, string.Join(", ", due.Select(d => $"{d:yyyy-MM-dd}")), ex.Message);
                foreach (var day in due) failed[day] = now + RetryDelay;
            }
        }
    }

    /// <summary>Without the lease: every late span noted here goes to the registry at once, for the holder.</summary>
    private void HandOverLateSpans(DateTimeOffset now)
    {
        var spans = lateDays.TakeDue(now, TimeSpan.Zero, TimeSpan.Zero);
        try
        {
            registry.HandOverLateSpans(spans);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            LogHandOverFailed(logger, spans.Count, ex.Message);
            lateDays.Restore(spans, now);
        }
    }

    /// <summary>With the lease: the spans other instances handed over (they wait out the quiet period here).</summary>
    private IReadOnlyList<LateSpan> TakeHandedOverSpans()
    {
        try
        {
            return registry.TakeLateSpans();
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            LogHandOverFailed(logger, 0, ex.Message);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Estimating {Days} (estimation lease holder {Holder})")]
    static partial void LogRunning(ILogger logger, string days, string holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Late readings of {Devices} device(s) could not be handed to the estimation lease holder through the registry, trying again: {Reason}")]
    static partial void LogHandOverFailed(ILogger logger, int devices, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Late readings of {Devices} device(s) affect {Days}: estimating again")]
    static partial void LogLateDays(ILogger logger, int devices, string days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look up the stored neighbours of late readings of {Devices} device(s), trying again: {Reason}")]
    static partial void LogResolveFailed(ILogger logger, int devices, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Estimation of {Days} failed, trying again in a minute: {Reason}")]
    static partial void LogRunFailed(ILogger logger, string days, string reason);
}
