using CarbonEdge.Protocols.Dlt645.Data;

namespace CarbonEdge.Protocols.Dlt645.Client;

/// <summary>
/// What a read returned: the identifier, its catalogue entry (null when the catalogue does not know it), the decoded
/// values in order (empty when unknown), and the plain value bytes of every frame (follow-ups appended).
/// </summary>
/// <param name="Identifier">The data identifier read.</param>
/// <param name="Item">Its catalogue entry, or null.</param>
/// <param name="Values">Decoded values (one, or several for a block); empty when <paramref name="Item"/> is null.</param>
/// <param name="Raw">The value bytes without the 33H offset, low byte first as sent.</param>
/// <param name="Frames">Reply frames it took (1 + follow-ups).</param>
public sealed record Dlt645Reading(Dlt645DataIdentifier Identifier, Dlt645DataItem? Item, IReadOnlyList<Dlt645Value> Values, byte[] Raw, int Frames);
