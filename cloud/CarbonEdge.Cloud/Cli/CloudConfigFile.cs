namespace CarbonEdge.Cloud.Cli;

/// <summary>Where the commands that work on a running installation find the cloud config.</summary>
internal static class CloudConfigFile
{
    /// <summary>
    /// <paramref name="given"/> (<c>--config</c>), else <c>$CEDGE_CLOUD_CONFIG</c>, else <c>./cedge-cloud.json</c>; null
    /// (with the error printed) when that file does not exist.
    /// </summary>
    public static string? Locate(FileInfo? given)
    {
        string configFile = given?.FullName ?? Environment.GetEnvironmentVariable("CEDGE_CLOUD_CONFIG") ?? Path.GetFullPath("cedge-cloud.json");
        if (File.Exists(configFile)) return configFile;
        Console.Error.WriteLine($"error: cloud config {configFile} not found; pass --config FILE (scripts/demo.sh writes .run/cloud/cedge-cloud.json)");
        return null;
    }
}
