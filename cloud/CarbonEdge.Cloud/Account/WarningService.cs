namespace CarbonEdge.Cloud.Account;

/// <summary>
/// Every <see cref="AccountOptions.EvaluateSeconds"/>: evaluates the warnings on the results the estimation runs have
/// stored by then, then delivers the raised ones to the webhook. A failed round is logged and the next one retries.
/// </summary>
internal sealed partial class WarningService(WarningEvaluator evaluator, WarningWebhook webhook, AccountOptions options, TimeProvider time,
    ILogger<WarningService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.EvaluateSeconds), time);
        do
        {
            try
            {
                foreach (var (check, transition) in await evaluator.EvaluateAsync(stoppingToken).ConfigureAwait(false))
                    LogTransition(logger, check.Key.Id, transition.ToString().ToLowerInvariant(), check.Message);
                await webhook.DeliverAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // InfluxDB down, a factor missing, the registry busy: the next round tries again; the service stays up
                LogFailed(logger, ex.Message);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warning {Id} {Transition}: {Message}")]
    static partial void LogTransition(ILogger logger, string id, string transition, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warning evaluation failed ({Reason}); retried at the next round")]
    static partial void LogFailed(ILogger logger, string reason);
}
