using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CarbonEdge.Cloud.Operations;

namespace CarbonEdge.Cloud.Cli;

/// <summary>
/// <c>cedge-cloud backup --out DIR [--config FILE]</c> and <c>cedge-cloud restore --from DIR [--config FILE]</c>:
/// the registry by SQLite's online backup, InfluxDB by <c>influxd backup/restore -portable</c> (see <see cref="Backup"/>).
/// </summary>
internal static class BackupCommand
{
    public static Command CreateBackup()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the backup into (new or empty)", Required = true };
        var config = CliConfig.Option();
        var command = new Command("backup", "Back up the registry (SQLite online backup) and InfluxDB (influxd backup -portable)") { output, config };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (CliConfig.Resolve(result, config) is not { } configFile) return 2;
            var folder = result.GetValue(output)!.FullName;
            return await TimedAsync("backup", () => new Backup(configFile).CreateAsync(folder, cancellationToken), $"backup written to {folder}");
        });
        return command;
    }

    public static Command CreateRestore()
    {
        var from = new Option<DirectoryInfo>("--from") { Description = "Backup folder written by cedge-cloud backup", Required = true };
        var config = CliConfig.Option();
        var command = new Command("restore", "Restore the registry and InfluxDB from a backup (stop the cloud service first; the InfluxDB database must not exist)") { from, config };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (CliConfig.Resolve(result, config) is not { } configFile) return 2;
            var folder = result.GetValue(from)!.FullName;
            return await TimedAsync("restore", () => new Backup(configFile).RestoreAsync(folder, cancellationToken), $"restored from {folder}");
        });
        return command;
    }

    private static async Task<int> TimedAsync(string what, Func<Task> run, string done)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await run();
        }
        catch (BackupException ex)
        {
            Console.Error.WriteLine($"error: {what}: {ex.Message}");
            return 1;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{done} in {clock.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }
}
