namespace CarbonEdge.Protocols.Telemetry.Validation;

/// <summary>Limits the validator applies to timestamps.</summary>
public sealed class TelemetryValidationOptions
{
    /// <summary>How far ahead of the receiver's clock a timestamp may be (gateway clock skew). Default 5 min.</summary>
    public TimeSpan MaxFutureSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Earliest plausible timestamp (a meter with a reset clock reports 1970 or 2000). Default 2000-01-01Z.</summary>
    public DateTimeOffset Earliest { get; init; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
}

/// <summary>The outcome of validating one telemetry message.</summary>
/// <param name="Batch">The decoded batch, or null when the whole message was refused.</param>
/// <param name="Rejection">Why the whole message was refused, or null.</param>
/// <param name="Accepted">Readings that passed, in batch order.</param>
/// <param name="Rejected">Readings that failed, each with its reason.</param>
public sealed record BatchValidation(
    TelemetryBatch? Batch,
    BatchRejection? Rejection,
    IReadOnlyList<Reading> Accepted,
    IReadOnlyList<ReadingRejection> Rejected)
{
    internal static BatchValidation Refuse(BatchRejectionReason reason, string detail) =>
        new(null, new BatchRejection(reason, detail), [], []);
}

/// <summary>
/// Validates telemetry messages against contract v1: the batch shape, schema, ids and topic as a whole;
/// then each reading's device id, point name, unit, value/quality consistency and timestamp on its own,
/// so that one bad reading does not cost the batch's other readings.
/// </summary>
public sealed class TelemetryValidator(TimeProvider time, TelemetryValidationOptions? options = null)
{
    private readonly TelemetryValidationOptions _options = options ?? new TelemetryValidationOptions();

    /// <summary>Decodes and validates a message received on <paramref name="topic"/>.</summary>
    public BatchValidation Validate(TopicAddress topic, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > TelemetrySchema.MaxBatchBytes)
            return BatchValidation.Refuse(BatchRejectionReason.TooLarge, $"{payload.Length} bytes, limit {TelemetrySchema.MaxBatchBytes}");
        if (!TelemetryCodec.TryDeserialize(payload, out TelemetryBatch? batch, out string? error))
            return BatchValidation.Refuse(BatchRejectionReason.MalformedPayload, error ?? "undecodable");
        return Validate(topic, batch);
    }

    /// <summary>Validates an already decoded batch received on <paramref name="topic"/>.</summary>
    public BatchValidation Validate(TopicAddress topic, TelemetryBatch batch)
    {
        if (batch.Schema != TelemetrySchema.V1)
            return BatchValidation.Refuse(BatchRejectionReason.UnsupportedSchema, $"schema '{batch.Schema}', expected '{TelemetrySchema.V1}'");
        if (!TelemetryTopics.IsValidId(batch.Site) || !TelemetryTopics.IsValidId(batch.Gateway))
            return BatchValidation.Refuse(BatchRejectionReason.InvalidId, $"site '{batch.Site}' / gateway '{batch.Gateway}' not [a-z0-9-]{{1,64}}");
        if (batch.Site != topic.Site || batch.Gateway != topic.Gateway)
            return BatchValidation.Refuse(BatchRejectionReason.TopicMismatch,
                $"payload {batch.Site}/{batch.Gateway} on topic of {topic.Site}/{topic.Gateway}");
        if (batch.Seq < 0)
            return BatchValidation.Refuse(BatchRejectionReason.InvalidSeq, $"seq {batch.Seq} is negative");

        var accepted = new List<Reading>(batch.Readings.Count);
        var rejected = new List<ReadingRejection>();
        var seen = new HashSet<(string, string, DateTimeOffset)>(batch.Readings.Count);
        var latest = time.GetUtcNow() + _options.MaxFutureSkew;
        for (int i = 0; i < batch.Readings.Count; i++)
        {
            var reading = batch.Readings[i];
            var problem = Check(reading, latest);
            if (problem is null && !seen.Add((reading.Device, reading.Point, reading.Ts)))
                problem = (ReadingRejectionReason.DuplicateInBatch, $"{reading.Device}/{reading.Point} at {Timestamps.Format(reading.Ts)} repeated");
            if (problem is { } p)
                rejected.Add(new ReadingRejection(i, reading, p.Reason, p.Detail));
            else
                accepted.Add(reading);
        }
        return new BatchValidation(batch, null, accepted, rejected);
    }

    private (ReadingRejectionReason Reason, string Detail)? Check(Reading reading, DateTimeOffset latest)
    {
        if (!TelemetryTopics.IsValidId(reading.Device))
            return (ReadingRejectionReason.InvalidDevice, $"device '{reading.Device}' not [a-z0-9-]{{1,64}}");
        if (!Points.TryGet(reading.Point, out var point))
            return (ReadingRejectionReason.UnknownPoint, $"point '{reading.Point}' is not in the catalog");
        if (reading.Unit != point.Unit)
            return (ReadingRejectionReason.UnitMismatch, $"{reading.Point} in '{reading.Unit}', expected '{point.Unit}'");
        if (reading.Quality == ReadingQuality.Bad && (reading.Value is not null || string.IsNullOrEmpty(reading.Reason)))
            return (ReadingRejectionReason.InconsistentBadReading, "a bad reading has value null and a reason");
        if (reading.Quality != ReadingQuality.Bad && reading.Value is null)
            return (ReadingRejectionReason.MissingValue, $"{reading.Quality.ToString().ToLowerInvariant()} reading without value");
        if (reading.Ts > latest)
            return (ReadingRejectionReason.TimestampInFuture, $"{Timestamps.Format(reading.Ts)} is ahead of the receiver's clock by more than {_options.MaxFutureSkew}");
        if (reading.Ts < _options.Earliest)
            return (ReadingRejectionReason.TimestampTooOld, $"{Timestamps.Format(reading.Ts)} is before {Timestamps.Format(_options.Earliest)}");
        return null;
    }
}
