using CarbonEdge.Cloud.Influx;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Protocols.Telemetry.Validation;

namespace CarbonEdge.Cloud.Ingestion;

/// <summary>What validation let through: readings and their tagged points, index for index (both empty when refused).</summary>
internal sealed record Intake(string Site, string Gateway, long Seq, IReadOnlyList<Reading> Readings, IReadOnlyList<LinePoint> Points)
{
    /// <summary>Nothing to write.</summary>
    public static readonly Intake None = new("", "", -1, [], []);
}

/// <summary>
/// Validation and tagging of one telemetry message (contract v1, docs/telemetry.md): a refused message is counted,
/// logged and dead-lettered whole, its refused readings likewise with the rest let through (both within the gateway's
/// <see cref="BadInputLimiter"/> budget); accepted readings are tagged from the registry (the batch's <c>seq</c> is
/// checked after the write, by <see cref="GatewaySeqs"/>).
/// </summary>
internal sealed partial class TelemetryIntake(
    TelemetryValidator validator, ReadingTagger tagger, DeadLetters deadLetters, BadInputLimiter limiter,
    IngestionStats stats, ILogger<TelemetryIntake> logger)
{
    /// <summary>Validates and tags a message that came on a telemetry topic.</summary>
    public Intake Accept(TopicAddress topic, string topicName, byte[] payload)
    {
        stats.Message();
        var result = validator.Validate(topic, payload);
        if (result.Rejection is { } rejection)
        {
            Refuse($"{topic.Site}/{topic.Gateway}", topicName, payload, RejectionNames.Of(rejection.Reason), rejection.Detail);
            return Intake.None; // acknowledged: nothing in it can be used, and it is kept whole
        }
        var batch = result.Batch!;
        if (result.Rejected.Count > 0)
        {
            foreach (var r in result.Rejected) stats.ReadingRejected(RejectionNames.Of(r.Reason));
            string detail = string.Join("; ", result.Rejected.Take(5).Select(r => $"#{r.Index} {RejectionNames.Of(r.Reason)}: {r.Detail}"));
            if (limiter.TryKeep($"{batch.Site}/{batch.Gateway}", topicName, payload, "rejected_readings"))
            {
                LogReadingsRejected(logger, result.Rejected.Count, topicName, batch.Seq, detail);
                deadLetters.Keep(topicName, payload, "rejected_readings", $"{result.Rejected.Count} readings rejected: {detail}");
            }
        }
        return new Intake(batch.Site, batch.Gateway, batch.Seq, result.Accepted, tagger.Tag(batch.Site, batch.Gateway, result.Accepted));
    }

    /// <summary>A message on a telemetry topic whose site or gateway id is not an id: counted and kept like any refusal.</summary>
    public void RefuseTopic(string topicName, byte[] payload)
    {
        stats.Message();
        Refuse("(bad topic)", topicName, payload, "bad_topic", "site and gateway ids in the topic must match [a-z0-9-]{1,64}");
    }

    private void Refuse(string gateway, string topicName, byte[] payload, string reason, string detail)
    {
        if (limiter.TryKeep(gateway, topicName, payload, reason))
        {
            LogMessageRejected(logger, topicName, reason, detail);
            deadLetters.Keep(topicName, payload, reason, detail);
        }
        stats.MessageRejected(reason); // after the dead letter: whoever sees the count finds the letter
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message on {Topic} refused ({Reason}): {Detail}; kept as a dead letter")]
    static partial void LogMessageRejected(ILogger logger, string topic, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} readings of {Topic} seq {Seq} refused, the rest written: {Detail}")]
    static partial void LogReadingsRejected(ILogger logger, int count, string topic, long seq, string detail);
}
