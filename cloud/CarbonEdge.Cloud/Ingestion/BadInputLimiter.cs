using System.Globalization;
using CarbonEdge.Cloud.Hosting;
using System.Threading.RateLimiting;

namespace CarbonEdge.Cloud.Ingestion;

/// <summary>
/// Limits what refused input from one gateway costs, so that a gateway flooding malformed or oversized messages does
/// not slow the others: a token bucket per site/gateway (<see cref="IngestionOptions.DeadLetterBurst"/> tokens,
/// <see cref="IngestionOptions.DeadLettersPerSecond"/> a second) pays for keeping a refused message whole as a dead
/// letter and logging it. Beyond it, refusals are counted at once (<c>messagesRateLimited</c>, <c>/metrics</c>) and
/// kept as one <c>rate_limited</c> dead letter per gateway and <see cref="IngestionOptions.RateLimitSummarySeconds"/>: counts by reason, first and
/// last time, and the first payload's first <see cref="SampleBytes"/> bytes. Nothing is dropped without a count.
/// </summary>
internal sealed partial class BadInputLimiter : IDisposable
{
    /// <summary>Bytes of the first payload kept in a summary.</summary>
    public const int SampleBytes = 1024;

    private readonly PartitionedRateLimiter<string> _buckets;
    private readonly Dictionary<string, Excess> _excess = [];
    private readonly DeadLetters _deadLetters;
    private readonly IngestionStats _stats;
    private readonly TimeProvider _time;
    private readonly ILogger<BadInputLimiter> _logger;
    private readonly ITimer _flush;
    private readonly TimeSpan _summaryPeriod;

    private sealed class Excess(string topic, byte[] sample, DateTimeOffset first)
    {
        public string Topic { get; } = topic;
        public byte[] Sample { get; } = sample;
        public DateTimeOffset First { get; } = first;
        public DateTimeOffset Last { get; set; } = first;
        public SortedDictionary<string, long> ByReason { get; } = new(StringComparer.Ordinal);
    }

    public BadInputLimiter(IngestionOptions options, DeadLetters deadLetters, IngestionStats stats, TimeProvider time, ILogger<BadInputLimiter> logger)
    {
        _deadLetters = deadLetters;
        _stats = stats;
        _time = time;
        _logger = logger;
        _buckets = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.DeadLetterBurst,
            TokensPerPeriod = options.DeadLettersPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        _summaryPeriod = TimeSpan.FromSeconds(options.RateLimitSummarySeconds);
        _flush = time.CreateTimer(_ => Flush(all: false), null, _summaryPeriod, _summaryPeriod);
    }

    /// <summary>
    /// True when <paramref name="gateway"/> (<c>site/gateway</c>) may have this refusal kept whole; otherwise it is
    /// counted and added to the gateway's summary, and the caller keeps nothing.
    /// </summary>
    public bool TryKeep(string gateway, string topic, ReadOnlySpan<byte> payload, string reason)
    {
        using (var lease = _buckets.AttemptAcquire(gateway))
        {
            if (lease.IsAcquired) return true;
        }
        _stats.RateLimited(reason);
        var now = _time.GetUtcNow();
        bool first;
        lock (_excess)
        {
            first = !_excess.TryGetValue(gateway, out var excess);
            if (first) _excess[gateway] = excess = new Excess(topic, payload[..Math.Min(payload.Length, SampleBytes)].ToArray(), now);
            excess!.Last = now;
            excess.ByReason[reason] = excess.ByReason.GetValueOrDefault(reason) + 1;
        }
        if (first) LogFlooding(_logger, gateway, _summaryPeriod.TotalSeconds);
        return false;
    }

    /// <summary>Keeps the summaries of periods that have ended (or all of them).</summary>
    public void Flush(bool all)
    {
        var now = _time.GetUtcNow();
        List<(string Gateway, Excess Excess)> due;
        lock (_excess)
        {
            due = [.. _excess.Where(e => all || now - e.Value.First >= _summaryPeriod).Select(e => (e.Key, e.Value))];
            foreach (var (gateway, _) in due) _excess.Remove(gateway);
        }
        foreach (var (gateway, excess) in due)
        {
            long total = excess.ByReason.Values.Sum();
            string reasons = string.Join(", ", excess.ByReason.Select(r => $"{r.Key}: {r.Value}"));
            string detail = string.Create(CultureInfo.InvariantCulture,
                $"{total} refused messages of {gateway} beyond the dead-letter rate, not kept whole, {excess.First:O} to {excess.Last:O} ({reasons}); payload: the first one's first {excess.Sample.Length} bytes");
            _deadLetters.Keep(excess.Topic, excess.Sample, "rate_limited", detail);
            LogSummary(_logger, gateway, total, reasons);
        }
    }

    /// <summary>Keeps what is still summed, stops the timer.</summary>
    public void Dispose()
    {
        _flush.Dispose();
        Flush(all: true);
        _buckets.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway {Gateway} sends refused messages faster than they are kept: the excess is counted and summed into one dead letter per {Seconds} s")]
    static partial void LogFlooding(ILogger logger, string gateway, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway {Gateway}: {Count} refused messages counted but not kept whole ({Reasons}); summary kept as a rate_limited dead letter")]
    static partial void LogSummary(ILogger logger, string gateway, long count, string reasons);
}
