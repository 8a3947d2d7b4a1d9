namespace CarbonEdge.Cloud.Registry;

/// <summary>A message that could not be used, as kept.</summary>
/// <param name="Id">Row id, increasing.</param>
/// <param name="Received">When it was kept.</param>
/// <param name="Topic">The MQTT topic it came on.</param>
/// <param name="Reason">Why, as a snake_case name (<c>malformed_payload</c>, <c>influx_refused</c>, <c>rate_limited</c>...).</param>
/// <param name="Detail">What exactly.</param>
/// <param name="Payload">The raw payload (for <c>rate_limited</c> summaries: a sample).</param>
internal sealed record DeadLetter(long Id, DateTimeOffset Received, string Topic, string Reason, string Detail, byte[] Payload);

internal sealed partial class RegistryStore
{
    /// <summary>Dead letters with an id above <paramref name="after"/>, oldest first, at most <paramref name="limit"/>, optionally of one reason.</summary>
    public IReadOnlyList<DeadLetter> DeadLetters(long after, int limit, string? reason) =>
        Query("SELECT id, received_ms, topic, reason, detail, payload FROM dead_letter WHERE id > $1 AND ($2 IS NULL OR reason = $2) ORDER BY id LIMIT $3",
            r => new DeadLetter(r.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2), r.GetString(3), r.GetString(4), (byte[])r.GetValue(5)),
            after, reason, limit);
}
