using System.CommandLine;
using CarbonEdge.Cloud.Hosting;

namespace CarbonEdge.Cloud.Cli;

/// <summary>The <c>--config FILE</c> option of the operator commands and what they read from the file: the registry path.</summary>
internal static class CliConfig
{
    /// <summary>A new <c>--config</c> option.</summary>
    public static Option<FileInfo> Option() => new("--config") { Description = "Cloud config file (default $CEDGE_CLOUD_CONFIG, then ./cedge-cloud.json)" };

    /// <summary>The config file given, or the default; null (with the error printed) when it does not exist.</summary>
    public static string? Resolve(ParseResult result, Option<FileInfo> option)
    {
        string file = result.GetValue(option)?.FullName ?? Environment.GetEnvironmentVariable("CEDGE_CLOUD_CONFIG") ?? Path.GetFullPath("cedge-cloud.json");
        if (File.Exists(file)) return file;
        Console.Error.WriteLine($"error: cloud config {file} not found; pass --config FILE (scripts/demo.sh writes .run/cloud/cedge-cloud.json)");
        return null;
    }

    /// <summary>The registry SQLite file of a config (section <c>registry</c>, <c>path</c>; relative to the config's folder).</summary>
    public static string RegistryFile(string configFile)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(configFile, optional: false).Build();
        return ConfigPaths.Resolve(configFile, configuration["registry:path"] ?? new RegistryOptions().Path);
    }

    /// <summary>How the audit log names the operator at the command line: <c>cli:OSUSER</c>.</summary>
    public static string Actor => $"cli:{Environment.UserName}";
}
