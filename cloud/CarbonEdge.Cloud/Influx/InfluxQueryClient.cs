using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace CarbonEdge.Cloud.Influx;

/// <summary>One series of an InfluxQL result.</summary>
/// <param name="Name">Measurement.</param>
/// <param name="Tags">GROUP BY tags.</param>
/// <param name="Columns">Column names; the first is <c>time</c> (epoch ms) for selects.</param>
/// <param name="Values">Rows: long for time, double for numbers, string, bool or null.</param>
internal sealed record InfluxSeries(string Name, IReadOnlyDictionary<string, string> Tags, IReadOnlyList<string> Columns, List<object?[]> Values)
{
    /// <summary>Index of <paramref name="column"/>, or -1.</summary>
    public int IndexOf(string column)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column) return i;
        }
        return -1;
    }
}

/// <summary>A query InfluxDB refused (syntax, unknown database) or could not answer.</summary>
internal sealed class InfluxQueryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Runs InfluxQL over <c>/query</c> (InfluxDB 1.x, and the 1.x-compatible endpoint of 2.x/3.x) with
/// <c>epoch=ms</c> and chunked responses, so large results stream in parts; parts of one series are joined.
/// </summary>
internal sealed class InfluxQueryClient(InfluxConnection connection)
{
    /// <summary>Runs a read query against the configured database; returns every series.</summary>
    /// <exception cref="InfluxQueryException">HTTP error or a statement error.</exception>
    public async Task<IReadOnlyList<InfluxSeries>> QueryAsync(string influxQl, CancellationToken cancellationToken)
    {
        var series = new Dictionary<string, InfluxSeries>();
        var order = new List<InfluxSeries>();
        await foreach (var part in StreamAsync(influxQl, cancellationToken).ConfigureAwait(false))
        {
            string key = part.Name + "\u0000" + string.Join("\u0000", part.Tags.Select(t => t.Key + "=" + t.Value));
            if (series.TryGetValue(key, out var target))
            {
                target.Values.AddRange(part.Values);
                continue;
            }
            series[key] = part;
            order.Add(part);
        }
        return order;
    }

    /// <summary>
    /// Runs a read query and yields its series in the parts InfluxDB sends them (at most 10,000 rows each; parts of one
    /// series follow one another), so a large result is never held whole.
    /// </summary>
    /// <exception cref="InfluxQueryException">HTTP error or a statement error.</exception>
    public async IAsyncEnumerable<InfluxSeries> StreamAsync(string influxQl, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string path = $"/query?db={Uri.EscapeDataString(connection.Options.Database)}&epoch=ms&chunked=true&chunk_size=10000&q={Uri.EscapeDataString(influxQl)}";
        using var request = connection.CreateRequest(HttpMethod.Get, path);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0) continue;
            List<InfluxSeries> parts;
            using (var doc = JsonDocument.Parse(line))
            {
                ThrowOnError(doc.RootElement, influxQl);
                if (!doc.RootElement.TryGetProperty("results", out var results)) continue;
                parts = [];
                foreach (var result in results.EnumerateArray())
                {
                    ThrowOnError(result, influxQl);
                    if (!result.TryGetProperty("series", out var seriesList)) continue;
                    foreach (var item in seriesList.EnumerateArray()) parts.Add(Parse(item));
                }
            }
            foreach (var part in parts) yield return part;
        }
    }

    /// <summary>Runs a statement that changes the server (CREATE DATABASE, DROP SERIES, ...) with POST.</summary>
    /// <exception cref="InfluxQueryException">HTTP error or a statement error.</exception>
    public async Task ExecuteAsync(string statement, CancellationToken cancellationToken)
    {
        string path = $"/query?db={Uri.EscapeDataString(connection.Options.Database)}&q={Uri.EscapeDataString(statement)}";
        using var request = connection.CreateRequest(HttpMethod.Post, path);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        ThrowOnError(doc.RootElement, statement);
        foreach (var result in doc.RootElement.GetProperty("results").EnumerateArray()) ThrowOnError(result, statement);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await connection.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new InfluxQueryException($"InfluxDB at {connection.Options.Url} unreachable: {ex.Message}", ex);
        }
        if (response.StatusCode != HttpStatusCode.OK)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            response.Dispose();
            throw new InfluxQueryException($"InfluxDB query failed: HTTP {(int)response.StatusCode} {body.Trim()}");
        }
        return response;
    }

    private static void ThrowOnError(JsonElement element, string query)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("error", out var error))
            throw new InfluxQueryException($"InfluxDB: {error.GetString()} (query: {query})");
    }

    private static InfluxSeries Parse(JsonElement item)
    {
        string name = item.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (item.TryGetProperty("tags", out var tagObject))
            foreach (var tag in tagObject.EnumerateObject()) tags[tag.Name] = tag.Value.GetString() ?? "";
        var columns = item.GetProperty("columns").EnumerateArray().Select(c => c.GetString() ?? "").ToList();
        var target = new InfluxSeries(name, tags, columns, []);
        if (!item.TryGetProperty("values", out var values)) return target;
        target.Values.Capacity = values.GetArrayLength();
        foreach (var row in values.EnumerateArray())
        {
            var cells = new object?[columns.Count];
            int i = 0;
            foreach (var cell in row.EnumerateArray())
            {
                cells[i] = cell.ValueKind switch
                {
                    JsonValueKind.Number when i == 0 && columns[0] == "time" => cell.GetInt64(),
                    JsonValueKind.Number => cell.GetDouble(),
                    JsonValueKind.String => cell.GetString(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => null,
                };
                i++;
            }
            target.Values.Add(cells);
        }
        return target;
    }
}

/// <summary>Quoting for InfluxQL statements built from data.</summary>
internal static class InfluxQl
{
    /// <summary>A string literal: <c>'it\'s'</c>.</summary>
    public static string Literal(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    /// <summary>A quoted identifier: <c>"my db"</c>.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>An RFC 3339 time literal for WHERE clauses.</summary>
    public static string Time(DateTimeOffset value) =>
        "'" + value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + "'";
}
