using System.CommandLine;
using System.Globalization;
using CarbonEdge.Edge.Buffer;
using CarbonEdge.Edge.Hosting;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace CarbonEdge.Edge.Cli;

/// <summary><c>cedge buffer --config FILE</c>: what the gateway's buffer holds (safe while the gateway runs: WAL readers do not block it).</summary>
internal static class BufferCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "Gateway config file (its gateway.dataDir holds buffer.db)", Required = true };
        var command = new Command("buffer", "Show what the gateway's store-and-forward buffer holds") { config };
        command.SetAction(result =>
        {
            var file = result.GetValue(config)!;
            var (gateway, problems) = GatewayConfigLoader.Load(file.FullName);
            if (!file.Exists || problems.Any(p => p.StartsWith(file.FullName, StringComparison.Ordinal) || p.StartsWith("gateway.", StringComparison.Ordinal)))
            {
                Console.Error.WriteLine($"error: cannot read the gateway section of {file.FullName}; check it with cedge run --config {file.Name}");
                return 2;
            }
            string path = Path.Combine(gateway.Gateway.DataDir, "buffer.db");
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"no buffer at {path} yet: the gateway has not run with this config");
                return 1;
            }
            try
            {
                using var buffer = ReadingBuffer.Open(path);
                var s = buffer.Summary();
                var table = new Table().HideHeaders().AddColumns("", "");
                table.AddRow("buffer", Markup.Escape(path));
                table.AddRow("size", $"{new FileInfo(path).Length / 1024.0:F0} KiB (+ WAL)");
                table.AddRow("readings not yet in a batch", s.Unsealed.ToString(CultureInfo.InvariantCulture));
                table.AddRow("batches waiting for PUBACK", $"{s.Batches} ({s.BatchedReadings} readings)");
                table.AddRow("readings buffered in all", s.Buffered.ToString(CultureInfo.InvariantCulture));
                table.AddRow("next seq", s.NextSeq.ToString(CultureInfo.InvariantCulture));
                table.AddRow("evicted by the size limit", string.Join(", ", s.Evicted.Select(e => $"{ReadingKinds.Name(e.Key)} {e.Value}")));
                table.AddRow("oldest unbatched reading", s.OldestTs is { } oldest
                    ? $"{oldest:yyyy-MM-dd HH:mm:ss}Z ({(DateTimeOffset.UtcNow - oldest).TotalMinutes:F1} min ago)" : "-");
                AnsiConsole.Write(table);
                return 0;
            }
            catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
            {
                Console.Error.WriteLine($"error: {path}: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
