using CarbonEdge.Cloud.Registry;
using Microsoft.Data.Sqlite;

namespace CarbonEdge.Cloud.Ingestion;

/// <summary>
/// Messages that could not be used, kept durably in the registry database with their raw payload, topic, reason and
/// time (T/CES carbon statistics §4.1: no loss without a trace), counted in <see cref="IngestionStats"/> and listed for
/// admins (<c>GET /api/v1/ingestion/dead-letters</c>). If even the registry fails, the message goes whole into the log.
/// </summary>
internal sealed partial class DeadLetters(RegistryStore registry, IngestionStats stats, TimeProvider time, ILogger<DeadLetters> logger)
{
    /// <summary>Keeps <paramref name="payload"/> as it came on <paramref name="topic"/>, with why.</summary>
    public void Keep(string topic, ReadOnlySpan<byte> payload, string reason, string detail)
    {
        try
        {
            registry.DeadLetter(topic, payload, reason, detail, time.GetUtcNow());
            stats.DeadLettered(reason);
        }
        catch (SqliteException ex)
        {
            LogDeadLetterFailed(logger, topic, reason, ex.Message, Convert.ToBase64String(payload));
        }
    }

    /// <summary>Letters after id <paramref name="after"/>, oldest first, at most <paramref name="limit"/>, optionally of one reason.</summary>
    public IReadOnlyList<DeadLetter> List(long after, int limit, string? reason) => registry.DeadLetters(after, limit, reason);

    /// <summary>Letters kept in the registry.</summary>
    public long Count() => registry.DeadLetterCount();

    [LoggerMessage(Level = LogLevel.Critical, Message = "Could not keep a refused message of {Topic} ({Reason}) as a dead letter: {Error}. Payload (base64): {Payload}")]
    static partial void LogDeadLetterFailed(ILogger logger, string topic, string reason, string error, string payload);
}
