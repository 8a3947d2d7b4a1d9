using System.Globalization;
using System.Net;
using System.Text.Json;

namespace CarbonEdge.Testing;

/// <summary>
/// A real InfluxDB 1.x (<c>influxd</c>) on 127.0.0.1 and a free port, data under its own run folder, config
/// as in RUNBOOK.md. Offers raw InfluxQL for assertions (independent of the project's own client).
/// </summary>
public sealed class InfluxServer : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly RunFolder _folder;
    private readonly string _configPath;
    private ExternalProcess? _process;

    private InfluxServer(RunFolder folder, int port, int rpcPort, string configPath)
    {
        RpcPort = rpcPort;
        _folder = folder;
        Port = port;
        _configPath = configPath;
    }

    /// <summary>RPC port on 127.0.0.1 (its <c>bind-address</c>: <c>influxd backup</c> and <c>restore</c> talk to it).</summary>
    public int RpcPort { get; }

    /// <summary>HTTP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:port</c>.</summary>
    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>Generates a config and starts influxd; returns once <c>/ping</c> answers 204.</summary>
    public static async Task<InfluxServer> StartAsync(string name = "influxd")
    {
        var folder = RunFolder.Create(name);
        int port = FreePort.Next();
        int rpcPort = FreePort.Next();
        string config = $"""
            reporting-enabled = false
            bind-address = "127.0.0.1:{rpcPort}"
            [meta]
              dir = "{folder.Folder("meta")}"
            [data]
              dir = "{folder.Folder("data")}"
              wal-dir = "{folder.Folder("wal")}"
              index-version = "inmem"
              query-log-enabled = false
            [monitor]
              store-enabled = false
            [http]
              bind-address = "127.0.0.1:{port}"
              auth-enabled = false
              log-enabled = false
              max-body-size = 0
            [logging]
              level = "warn"
            """;
        string configPath = folder.File("influxdb.conf");
        await File.WriteAllTextAsync(configPath, config);
        var server = new InfluxServer(folder, port, rpcPort, configPath);
        await server.StartProcessAsync();
        return server;
    }

    private async Task StartProcessAsync()
    {
        _process = ExternalProcess.Start("influxd", ["run", "-config", _configPath], _folder.File("influxd.log"));
        await Poll.UntilAsync("influxd answering /ping", TimeSpan.FromSeconds(30), async () =>
        {
            if (_process.HasExited) throw new InvalidOperationException($"influxd exited: {_process.ReadLog()}");
            try
            {
                using var response = await Http.GetAsync($"{Url}/ping");
                return response.StatusCode == HttpStatusCode.NoContent;
            }
            catch (HttpRequestException)
            {
                return false; // not listening yet
            }
        }, TimeSpan.FromMilliseconds(100));
    }

    /// <summary>Runs <c>CREATE DATABASE</c>.</summary>
    public Task CreateDatabaseAsync(string database) => QueryAsync(database: null, $"CREATE DATABASE \"{database}\"", post: true);

    /// <summary>Runs InfluxQL and returns the JSON body; throws on HTTP or statement errors.</summary>
    public async Task<JsonDocument> QueryAsync(string? database, string influxQl, bool post = false)
    {
        string url = $"{Url}/query?epoch=ms&q={Uri.EscapeDataString(influxQl)}" +
                     (database is null ? "" : $"&db={Uri.EscapeDataString(database)}");
        using var response = post ? await Http.PostAsync(url, null) : await Http.GetAsync(url);
        string body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"InfluxQL failed ({(int)response.StatusCode}): {body}");
        var doc = JsonDocument.Parse(body);
        foreach (var result in doc.RootElement.GetProperty("results").EnumerateArray())
        {
            if (result.TryGetProperty("error", out var error)) throw new InvalidOperationException($"InfluxQL error: {error}");
        }
        return doc;
    }

    /// <summary>
    /// Runs a query and returns every row of every series as (series tags, column -> value).
    /// Numbers come back as double, strings as string, booleans as bool, null as null.
    /// </summary>
    public async Task<IReadOnlyList<InfluxRow>> RowsAsync(string database, string influxQl)
    {
        using var doc = await QueryAsync(database, influxQl);
        var rows = new List<InfluxRow>();
        foreach (var result in doc.RootElement.GetProperty("results").EnumerateArray())
        {
            if (!result.TryGetProperty("series", out var seriesList)) continue;
            foreach (var series in seriesList.EnumerateArray())
            {
                var tags = new Dictionary<string, string>();
                if (series.TryGetProperty("tags", out var tagObject))
                {
                    foreach (var tag in tagObject.EnumerateObject()) tags[tag.Name] = tag.Value.GetString() ?? "";
                }
                string[] columns = series.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
                foreach (var values in series.GetProperty("values").EnumerateArray())
                {
                    var row = new Dictionary<string, object?>();
                    int i = 0;
                    foreach (var value in values.EnumerateArray())
                    {
                        row[columns[i++]] = value.ValueKind switch
                        {
                            JsonValueKind.Number => value.GetDouble(),
                            JsonValueKind.String => value.GetString(),
                            JsonValueKind.True => true,
                            JsonValueKind.False => false,
                            _ => null,
                        };
                    }
                    rows.Add(new InfluxRow(series.GetProperty("name").GetString() ?? "", tags, row));
                }
            }
        }
        return rows;
    }

    /// <summary>Stops influxd (SIGTERM) and starts it again with the same data.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartProcessAsync();
    }

    /// <summary>Stops influxd (SIGTERM); <see cref="StartAgainAsync"/> brings it back with the same data.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        await _process.SignalAsync(15, TimeSpan.FromSeconds(15));
        await _process.DisposeAsync();
        _process = null;
    }

    /// <summary>Starts influxd again after <see cref="StopAsync"/>; returns when it answers <c>/ping</c>.</summary>
    public Task StartAgainAsync() => StartProcessAsync();

    /// <summary>Stops influxd.</summary>
    public async ValueTask DisposeAsync() => await StopAsync();
}

/// <summary>One row of an InfluxQL result.</summary>
/// <param name="Measurement">Series name.</param>
/// <param name="Tags">Tags of the series (GROUP BY).</param>
/// <param name="Values">Column name to value; <c>time</c> is epoch milliseconds.</param>
public sealed record InfluxRow(string Measurement, IReadOnlyDictionary<string, string> Tags, IReadOnlyDictionary<string, object?> Values)
{
    /// <summary>A numeric column.</summary>
    public double Number(string column) => Convert.ToDouble(Values[column], CultureInfo.InvariantCulture);
}
