using System.Text.Json;
using System.Text.Json.Serialization;

namespace CarbonEdge.Estimation.Factors;

/// <summary>The factor file: <c>{"schema":"carbonedge.factors.v1","description":...,"factors":[...]}</c>.</summary>
/// <param name="Schema">Always <see cref="FactorJson.Schema"/>.</param>
/// <param name="Description">Free text: where the set comes from.</param>
/// <param name="Factors">Every version of every factor.</param>
internal sealed record FactorFile(string Schema, string? Description, IReadOnlyList<Factor> Factors);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(FactorFile))]
internal sealed partial class FactorJsonContext : JsonSerializerContext;

/// <summary>Reads and writes the factor file format (System.Text.Json, source-generated).</summary>
internal static class FactorJson
{
    public const string Schema = "carbonedge.factors.v1";

    public static FactorFile Read(Stream utf8Json, string origin)
    {
        FactorFile? file;
        try
        {
            file = JsonSerializer.Deserialize(utf8Json, FactorJsonContext.Default.FactorFile);
        }
        catch (JsonException ex)
        {
            throw new FactorLibraryException(
                $"{origin}: line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1} ({ex.Path}): {ex.Message}", ex);
        }
        if (file is null || file.Schema != Schema)
        {
            throw new FactorLibraryException($"{origin}: not a factor file (schema must be \"{Schema}\", is \"{file?.Schema}\")");
        }
        return file;
    }

    public static void Write(Stream utf8Json, FactorFile file) =>
        JsonSerializer.Serialize(utf8Json, file, FactorJsonContext.Default.FactorFile);
}
