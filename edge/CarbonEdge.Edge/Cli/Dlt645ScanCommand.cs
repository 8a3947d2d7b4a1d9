using System.CommandLine;
using System.Globalization;
using CarbonEdge.Protocols.Dlt645;
using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;

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
            var scan = new BusScan($"scanning {connection.Describe(result)}", "address", $"answer ({identifier})", "addresses");
            return await scan.RunAsync(addresses, async (meter, ct) =>
            {
                try
                {
                    var reading = await client.ReadAsync(meter, identifier, ct);
                    return $"{string.Join(", ", reading.Values)} {reading.Item?.Unit}";
                }
                catch (Dlt645DeviceException ex)
                {
                    return $"error word {Dlt645DeviceException.Describe(ex.ErrorWord, ex.Version)}";
                }
                catch (Dlt645ProtocolException ex)
                {
                    return $"garbled ({ex.Error})";
                }
                catch (Dlt645TimeoutException)
                {
                    return null;
                }
            }, ex => ex is Dlt645ConnectionException, cancellationToken);
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
