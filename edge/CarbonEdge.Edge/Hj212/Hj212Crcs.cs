using CarbonEdge.Protocols.Hj212.Framing;

namespace CarbonEdge.Edge.Hj212;

/// <summary>The spellings of <see cref="Hj212CrcMode"/> on the command line and in the config: <c>hj212</c>, <c>modbus</c>, <c>either</c>.</summary>
internal static class Hj212Crcs
{
    /// <summary>The accepted spellings.</summary>
    public static readonly string[] Names = ["hj212", "modbus", "either"];

    /// <summary>The mode spelled <paramref name="name"/>; false for anything else.</summary>
    public static bool TryParse(string? name, out Hj212CrcMode mode)
    {
        (bool ok, mode) = name switch
        {
            "hj212" => (true, Hj212CrcMode.Hj212),
            "modbus" => (true, Hj212CrcMode.Modbus),
            "either" => (true, Hj212CrcMode.Either),
            _ => (false, Hj212CrcMode.Hj212),
        };
        return ok;
    }
}
