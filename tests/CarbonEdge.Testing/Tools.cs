namespace CarbonEdge.Testing;

/// <summary>Finds the external programs the tests use, with a clear message when one is missing.</summary>
public static class Tools
{
    private static readonly Dictionary<string, string> Packages = new()
    {
        ["mosquitto"] = "mosquitto", ["mosquitto_pub"] = "mosquitto-clients", ["mosquitto_sub"] = "mosquitto-clients",
        ["influxd"] = "influxdb", ["influx"] = "influxdb-client", ["socat"] = "socat", ["mbpoll"] = "mbpoll",
        ["chromium"] = "chromium", ["gcc"] = "gcc", ["pkg-config"] = "pkg-config",
    };

    private static readonly string[] SearchPath =
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Concat(["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin"]).Distinct().ToArray();

    /// <summary>Absolute path of <paramref name="program"/> (or the path itself when it is one).</summary>
    /// <exception cref="InvalidOperationException">Not installed; the message names the Debian package.</exception>
    public static string Resolve(string program)
    {
        if (program.Contains('/'))
        {
            return program;
        }
        foreach (string dir in SearchPath)
        {
            string candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        string package = Packages.GetValueOrDefault(program, program);
        throw new InvalidOperationException(
            $"'{program}' is not installed. Install it with: apt-get install -y {package} (scripts/test.sh does this).");
    }
}
