namespace CarbonEdge.Cloud.Hosting;

/// <summary>Paths in a config file are relative to the file's folder.</summary>
internal static class ConfigPaths
{
    /// <summary><paramref name="path"/> resolved against the folder of <paramref name="configFile"/>.</summary>
    public static string Resolve(string configFile, string path) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configFile))!, path));
}
