using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CarbonEdge.Protocols.Dlt645;
using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;
using Spectre.Console;

namespace CarbonEdge.Edge.Cli;

/// <summary>
/// <c>cedge scan dlt645 --port ...</c> (or <c>--tcp HOST:PORT</c>): without addresses, asks the one meter on a
/// point-to-point line for its address (13H to AA…AA); with <c>--addresses FILE</c> (one 12-digit address a line) or
/// <c>--range FIRST-LAST</c>, reads forward active energy from each and lists those that answer (an error word also
/// means a meter is there), with a progress bar and a table.
/// </summary>
internal static class Dlt645ScanCommand
{
    /// <summary>Most addresses one --range may cover.</summary>
    public const int MaxRange = 10_000;

    public static Command Create()
    {
        var connection = new Dlt645CliConnection();
        connection.Timeout.DefaultValueFactory = _ => 500;
        var file = new Option<FileInfo?>("--addresses") { Description = "File of meter addresses to try, one 12-digit address a line (# comments)" };
        var range = new Option<string?>("--range") { Description = "Addresses to try, FIRST-LAST (e.g. 000000000001-000000000032)" };
        var command = new Command("dlt645", "Find DL/T 645 meters: the one on a point-to-point line (13H), or which addresses answer on a bus");
        connection.AddTo(command);
        command.Options.Add(file);
        command.Options.Add(range);
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            string? problem = connection.Validate(result);
            List<Dlt645Address>? addresses = null;
            if (problem is null && result.GetValue(file) is { } list) problem = TryReadFile(list, out addresses);
            else if (problem is null && result.GetValue(range) is { } text) problem = TryParseRange(text, out addresses);
            if (problem is not null)
            {
                await Console.Error.WriteLineAsync($"error: {problem}");
                return 2;
            }
            await using var client = connection.CreateClient(result, retries: 0);
            if (addresses is null)
            {
                try
                {
                    var found = await client.ReadAddressAsync(cancellationToken);
                    Console.WriteLine($"meter {found} answers on {connection.Describe(result)}");
                    return 0;
                }
                catch (Dlt645Exception ex)
                {
                    await Console.Error.WriteLineAsync($"error: {connection.Describe(result)}: {ex.Message}");
                    await Console.Error.WriteLineAsync("hint: read address (13H) needs exactly one meter on the line; on a bus give --addresses FILE or --range FIRST-LAST");
                    return 1;
                }
            }
            var identifier = connection.EditionOf(result) == Dlt645Version.V2007 ? Dlt645Catalog.ForwardActiveEnergy : new Dlt645DataIdentifier(0x9010, Dlt645Version.V1997);
            var answers = new List<(Dlt645Address Meter, string Answer, double Ms)>();
            string? connectionError = null;
            await AnsiConsole.Progress().AutoClear(true).StartAsync(async progress =>
            {
                var task = progress.AddTask($"scanning {connection.Describe(result)}", maxValue: addresses.Count);
                foreach (var meter in addresses)
                {
                    if (cancellationToken.IsCancellationRequested) break;
                    long started = Stopwatch.GetTimestamp();
                    try
                    {
                        var reading = await client.ReadAsync(meter, identifier, cancellationToken);
                        answers.Add((meter, $"{string.Join(", ", reading.Values)} {reading.Item?.Unit}", Stopwatch.GetElapsedTime(started).TotalMilliseconds));
                    }
                    catch (Dlt645DeviceException ex)
                    {
                        answers.Add((meter, $"error word {Dlt645DeviceException.Describe(ex.ErrorWord, ex.Version)}", Stopwatch.GetElapsedTime(started).TotalMilliseconds));
                    }
                    catch (Dlt645ProtocolException ex)
                    {
                        answers.Add((meter, $"garbled ({ex.Error})", Stopwatch.GetElapsedTime(started).TotalMilliseconds));
                    }
                    catch (Dlt645TimeoutException)
                    {
                    }
                    catch (Dlt645ConnectionException ex)
                    {
                        connectionError = ex.Message;
                        break;
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                    task.Increment(1);
                }
            });
            if (connectionError is not null)
            {
                await Console.Error.WriteLineAsync($"error: {connectionError}");
                return 1;
            }
            var table = new Table().AddColumn("address").AddColumn($"answer ({identifier})").AddColumn(new TableColumn("ms").RightAligned());
            foreach (var (meter, answer, ms) in answers)
            {
                table.AddRow(meter.ToString(), Markup.Escape(answer), ms.ToString("0.0", CultureInfo.InvariantCulture));
            }
            if (answers.Count > 0) AnsiConsole.Write(table);
            Console.WriteLine($"{answers.Count} of {addresses.Count} addresses answer");
            return answers.Count > 0 ? 0 : 1;
        });
        return command;
    }

    private static string? TryReadFile(FileInfo file, out List<Dlt645Address>? addresses)
    {
        addresses = null;
        if (!file.Exists) return $"--addresses: no file {file.FullName}";
        var list = new List<Dlt645Address>();
        int number = 0;
        foreach (string line in File.ReadLines(file.FullName))
        {
            number++;
            string text = line.Split('#')[0].Trim();
            if (text.Length == 0) continue;
            if (!Dlt645Address.TryParse(text, out var meter)) return $"--addresses {file.Name} line {number}: '{text}' is not a 12-digit address";
            list.Add(meter);
        }
        if (list.Count == 0) return $"--addresses {file.Name} holds no address";
        addresses = [.. list.Distinct()];
        return null;
    }

    private static string? TryParseRange(string text, out List<Dlt645Address>? addresses)
    {
        addresses = null;
        string[] ends = text.Split('-');
        if (ends.Length != 2 || !long.TryParse(ends[0], NumberStyles.None, CultureInfo.InvariantCulture, out long first)
            || !long.TryParse(ends[1], NumberStyles.None, CultureInfo.InvariantCulture, out long last) || first > last || last > 999_999_999_999L)
        {
            return $"--range '{text}' is not FIRST-LAST of 12-digit addresses (e.g. 000000000001-000000000032)";
        }
        if (last - first >= MaxRange) return $"--range covers {last - first + 1} addresses; at most {MaxRange} at a time";
        addresses = [];
        for (long n = first; n <= last; n++) addresses.Add(Dlt645Address.FromNumber(n));
        return null;
    }
}
