namespace CarbonEdge.Protocols.Dlt645.Tests;

/// <summary>Hex fixtures written as in the standards: bytes separated by spaces.</summary>
internal static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}
