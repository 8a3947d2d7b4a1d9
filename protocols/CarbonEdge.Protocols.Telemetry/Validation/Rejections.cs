namespace CarbonEdge.Protocols.Telemetry.Validation;

/// <summary>Why a whole telemetry message was refused (nothing of it is written).</summary>
public enum BatchRejectionReason
{
    /// <summary>Not UTF-8 JSON of the batch shape, or a required member missing or of the wrong type.</summary>
    MalformedPayload,
    /// <summary>Larger than <see cref="TelemetrySchema.MaxBatchBytes"/>.</summary>
    TooLarge,
    /// <summary><c>schema</c> is not <see cref="TelemetrySchema.V1"/>.</summary>
    UnsupportedSchema,
    /// <summary>Site or gateway id in the payload is not <c>[a-z0-9-]{1,64}</c>.</summary>
    InvalidId,
    /// <summary>Site or gateway in the payload differs from the topic's.</summary>
    TopicMismatch,
    /// <summary><c>seq</c> is negative.</summary>
    InvalidSeq,
}

/// <summary>Why one reading of an otherwise valid batch was refused (the batch's other readings are kept).</summary>
public enum ReadingRejectionReason
{
    /// <summary>Device id is not <c>[a-z0-9-]{1,64}</c>.</summary>
    InvalidDevice,
    /// <summary>Point name not in the catalog (<see cref="Points"/>).</summary>
    UnknownPoint,
    /// <summary>Unit differs from the point's fixed unit.</summary>
    UnitMismatch,
    /// <summary>A good or uncertain reading without a value.</summary>
    MissingValue,
    /// <summary>A bad reading that carries a value, or no reason.</summary>
    InconsistentBadReading,
    /// <summary>Timestamp further in the future than the allowed clock skew.</summary>
    TimestampInFuture,
    /// <summary>Timestamp before the earliest plausible time.</summary>
    TimestampTooOld,
    /// <summary>Same device, point and timestamp as an earlier reading of the same batch.</summary>
    DuplicateInBatch,
}

/// <summary>Stable lowercase names of rejection reasons, for logs, metrics and API answers.</summary>
public static class RejectionNames
{
    /// <summary>e.g. <c>malformed_payload</c>.</summary>
    public static string Of(BatchRejectionReason reason) => Snake(reason.ToString());

    /// <summary>e.g. <c>unknown_point</c>.</summary>
    public static string Of(ReadingRejectionReason reason) => Snake(reason.ToString());

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}

/// <summary>A refused message with its reason and a human-readable detail.</summary>
/// <param name="Reason">The typed reason.</param>
/// <param name="Detail">What exactly was wrong.</param>
public sealed record BatchRejection(BatchRejectionReason Reason, string Detail);

/// <summary>A refused reading with its index in the batch, reason and detail.</summary>
/// <param name="Index">Position in <see cref="TelemetryBatch.Readings"/>.</param>
/// <param name="Reading">The reading as received.</param>
/// <param name="Reason">The typed reason.</param>
/// <param name="Detail">What exactly was wrong.</param>
public sealed record ReadingRejection(int Index, Reading Reading, ReadingRejectionReason Reason, string Detail);
