using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CarbonEdge.Protocols.Telemetry.Json;

namespace CarbonEdge.Protocols.Telemetry;

/// <summary>UTF-8 JSON encoding and decoding of the contract payloads. Decoding never throws on bad input.</summary>
public static class TelemetryCodec
{
    /// <summary>Serializes a telemetry batch to UTF-8 JSON.</summary>
    public static byte[] Serialize(TelemetryBatch batch) =>
        JsonSerializer.SerializeToUtf8Bytes(batch, TelemetryJsonContext.Default.TelemetryBatch);

    /// <summary>Serializes a gateway status to UTF-8 JSON.</summary>
    public static byte[] Serialize(GatewayStatus status) =>
        JsonSerializer.SerializeToUtf8Bytes(status, TelemetryJsonContext.Default.GatewayStatus);

    /// <summary>Serializes a command to UTF-8 JSON.</summary>
    public static byte[] Serialize(GatewayCommand command) =>
        JsonSerializer.SerializeToUtf8Bytes(command, TelemetryJsonContext.Default.GatewayCommand);

    /// <summary>Serializes a command reply to UTF-8 JSON.</summary>
    public static byte[] Serialize(CommandReply reply) =>
        JsonSerializer.SerializeToUtf8Bytes(reply, TelemetryJsonContext.Default.CommandReply);

    /// <summary>Decodes a telemetry batch; on failure <paramref name="error"/> says what and where (JSON path, line).</summary>
    public static bool TryDeserialize(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out TelemetryBatch? batch, out string? error) =>
        TryDeserialize(utf8, TelemetryJsonContext.Default.TelemetryBatch, out batch, out error);

    /// <summary>Decodes a gateway status.</summary>
    public static bool TryDeserialize(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out GatewayStatus? status, out string? error) =>
        TryDeserialize(utf8, TelemetryJsonContext.Default.GatewayStatus, out status, out error);

    /// <summary>Decodes a command.</summary>
    public static bool TryDeserialize(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out GatewayCommand? command, out string? error) =>
        TryDeserialize(utf8, TelemetryJsonContext.Default.GatewayCommand, out command, out error);

    /// <summary>Decodes a command reply.</summary>
    public static bool TryDeserialize(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out CommandReply? reply, out string? error) =>
        TryDeserialize(utf8, TelemetryJsonContext.Default.CommandReply, out reply, out error);

    private static bool TryDeserialize<T>(ReadOnlySpan<byte> utf8, JsonTypeInfo<T> typeInfo, [NotNullWhen(true)] out T? value, out string? error)
        where T : class
    {
        try
        {
            value = JsonSerializer.Deserialize(utf8, typeInfo);
            error = value is null ? "payload is JSON null" : null;
            return value is not null;
        }
        catch (JsonException ex)
        {
            value = null;
            error = ex.Message;
            return false;
        }
    }
}
