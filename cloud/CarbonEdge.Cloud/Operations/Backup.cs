using System.Text.Json;
using System.Text.Json.Nodes;
using CarbonEdge.Cloud.Hosting;
using CarbonEdge.Cloud.Influx;
using Microsoft.Data.Sqlite;

namespace CarbonEdge.Cloud.Operations;

/// <summary>
/// Backup and restore of the cloud's state (T/CES carbon statistics §8.1 backup, §8.6 recovery within 30 minutes;
/// T/CEPPC 14-2023 §8.1): the registry (enterprises, sites, devices, reports, users, keys, audit) by SQLite's online
/// backup API, the InfluxDB database by <c>influxd backup -portable</c> / <c>influxd restore -portable</c>. A backup
/// folder holds <c>registry.db</c>, <c>influx/</c> and <c>manifest.json</c>.
/// </summary>
internal sealed class Backup(string configFile)
{
    private readonly IConfigurationRoot _config = new ConfigurationBuilder().AddJsonFile(configFile, optional: false).Build();

    private string RegistryFile => ConfigPaths.Resolve(configFile, _config["registry:path"] ?? new RegistryOptions().Path);

    private string Database => _config["influx:database"] ?? new InfluxOptions().Database;

    private BackupOptions Options => _config.GetSection("backup").Get<BackupOptions>() ?? new BackupOptions();

    /// <summary>Writes a backup into <paramref name="folder"/> (created; must be empty).</summary>
    /// <exception cref="BackupException">The folder is not empty, the registry is missing, or <c>influxd backup</c> failed (its output quoted).</exception>
    public async Task<JsonObject> CreateAsync(string folder, CancellationToken cancellationToken)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new BackupException($"{folder} is not empty; give a new folder");
        if (!File.Exists(RegistryFile)) throw new BackupException($"registry {RegistryFile} not found");
        Directory.CreateDirectory(folder);
        using (var source = Open(RegistryFile, SqliteOpenMode.ReadOnly))
        using (var target = Open(Path.Combine(folder, "registry.db"), SqliteOpenMode.ReadWriteCreate))
        {
            source.BackupDatabase(target);
        }
        await InfluxdAsync(["backup", "-portable", "-host", Options.InfluxHost, "-database", Database, Path.Combine(folder, "influx")], cancellationToken);
        var manifest = new JsonObject
        {
            ["created"] = DateTimeOffset.UtcNow.ToString("O"),
            ["registry"] = "registry.db",
            ["influx"] = new JsonObject { ["database"] = Database, ["folder"] = "influx", ["format"] = "influxd backup -portable" },
        };
        await File.WriteAllTextAsync(Path.Combine(folder, "manifest.json"), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        return manifest;
    }

    /// <summary>
    /// Restores a backup: the registry file is overwritten page by page through the online backup API (stop the cloud
    /// service first), the InfluxDB database is restored under its name (it must not exist on the target server).
    /// </summary>
    /// <exception cref="BackupException">Not a backup folder, or <c>influxd restore</c> failed (its output quoted).</exception>
    public async Task RestoreAsync(string folder, CancellationToken cancellationToken)
    {
        string registry = Path.Combine(folder, "registry.db"), manifestPath = Path.Combine(folder, "manifest.json");
        if (!File.Exists(registry) || !File.Exists(manifestPath)) throw new BackupException($"{folder} is not a cedge-cloud backup (no registry.db and manifest.json)");
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath, cancellationToken));
        string database = manifest?["influx"]?["database"]?.GetValue<string>() ?? Database;
        Directory.CreateDirectory(Path.GetDirectoryName(RegistryFile)!);
        using (var source = Open(registry, SqliteOpenMode.ReadOnly))
        using (var target = Open(RegistryFile, SqliteOpenMode.ReadWriteCreate))
        {
            source.BackupDatabase(target);
        }
        await InfluxdAsync(["restore", "-portable", "-host", Options.InfluxHost, "-db", database, "-newdb", Database, Path.Combine(folder, "influx")], cancellationToken);
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private async Task InfluxdAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var (exit, output) = await ToolProcess.RunAsync(Options.Influxd, arguments, cancellationToken);
        if (exit is null) throw new BackupException($"{output}; install it (apt-get install influxdb) or set backup.influxd");
        if (exit != 0) throw new BackupException($"influxd {arguments[0]} failed ({exit}): {output}");
    }
}

/// <summary>A backup or restore that could not be done; the message says why and what to do.</summary>
internal sealed class BackupException(string message) : Exception(message);
