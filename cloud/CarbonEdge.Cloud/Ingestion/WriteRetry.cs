using Azure.Messaging.EventHubs;
using CarbonEdge.Cloud.Hosting;
using CarbonEdge.Cloud.Influx;
using Polly;
using Polly.Retry;

namespace CarbonEdge.Cloud.Ingestion;

/// <summary>
/// The one retry policy of the ingestion writes (Polly): transient failures — InfluxDB unreachable, 429, 5xx, a
/// transient Event Hubs error, a credential that got no token — are retried for as long as they last, with exponential backoff and jitter from
/// <see cref="IngestionOptions.RetryDelayMs"/> up to <see cref="MaxDelay"/>, while the messages stay unacknowledged at
/// the broker; each retry is logged and counted (<c>writeFailures</c>). Everything else is thrown at once for the
/// caller to dead-letter: it will not succeed by waiting.
/// </summary>
internal static partial class WriteRetry
{
    /// <summary>Longest wait between two tries.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// True for a failure that trying again later may cure; an Event Hubs credential that got no token (Entra ID
    /// unreachable, or a secret being rotated) holds the messages like an unreachable hub.
    /// </summary>
    public static bool IsTransient(Exception ex) =>
        ex is InfluxWriteException { Transient: true } or EventHubsException { IsTransient: true } or Azure.Identity.AuthenticationFailedException;

    public static ResiliencePipeline Create(IngestionOptions options, IngestionStats stats, TimeProvider time, ILogger logger) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryDelayMs),
                MaxDelay = MaxDelay,
                OnRetry = args =>
                {
                    stats.WriteFailed();
                    LogRetry(logger, args.Outcome.Exception?.Message ?? "", args.AttemptNumber + 1, args.RetryDelay.TotalSeconds);
                    return default;
                },
            })
            .Build();

    [LoggerMessage(Level = LogLevel.Error, Message = "Write failed: {Reason}; the messages stay unacknowledged at the broker; try {Attempt} in {Seconds:F1} s")]
    static partial void LogRetry(ILogger logger, string reason, int attempt, double seconds);
}
