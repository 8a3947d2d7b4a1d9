using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace CarbonEdge.Cloud.Influx;

/// <summary>The outcome of writing a list of points.</summary>
/// <param name="Written">Points the server accepted.</param>
/// <param name="Rejected">Points the server refused (HTTP 400: type conflict, beyond retention), each with its message.</param>
internal sealed record InfluxWriteResult(int Written, IReadOnlyList<(LinePoint Point, string Error)> Rejected);

/// <summary>A write that could not be completed: server unreachable or failing after the retries, or misconfigured.</summary>
/// <param name="message">What failed and what to check.</param>
/// <param name="transient">True when trying again later may succeed (network, 429, 5xx).</param>
/// <param name="inner">The underlying network error, if any.</param>
internal sealed class InfluxWriteException(string message, bool transient, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when trying again later may succeed.</summary>
    public bool Transient { get; } = transient;
}

/// <summary>
/// Writes line protocol over HTTP: <c>POST /write?db=&amp;precision=ms</c> (InfluxDB 1.x) or
/// <c>POST /api/v2/write?org=&amp;bucket=&amp;precision=ms</c> with a token (2.x/3.x). Points go in chunks of
/// <see cref="InfluxOptions.MaxPointsPerWrite"/>. 429, 5xx and network errors are retried with jittered exponential
/// backoff (Polly); a 400 chunk is bisected so that only the points the server refuses are reported, the rest written.
/// Writing the same series and time again overwrites: retries are harmless. <see cref="SingleAttempt"/> makes a writer
/// that tries each request once, for a caller with its own retry policy (ingestion's one pipeline).
/// </summary>
internal sealed partial class InfluxWriter
{
    private readonly InfluxConnection _connection;
    private readonly InfluxOptions _options;
    private readonly ILogger<InfluxWriter> _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;
    private readonly string _writePath;
    private readonly int _maxRetries;

    /// <summary>A writer that retries 429, 5xx and network errors up to <see cref="InfluxOptions.MaxRetries"/> times.</summary>
    public InfluxWriter(InfluxConnection connection, ILogger<InfluxWriter> logger) : this(connection, logger, retry: true)
    {
    }

    private InfluxWriter(InfluxConnection connection, ILogger<InfluxWriter> logger, bool retry)
    {
        _connection = connection;
        _options = connection.Options;
        _logger = logger;
        var options = _options;
        string db = Uri.EscapeDataString(options.Database);
        _writePath = options.Token is null
            ? $"/write?db={db}&precision=ms"
            : $"/api/v2/write?org={Uri.EscapeDataString(options.Org ?? "")}&bucket={db}&precision=ms";
        _maxRetries = retry ? options.MaxRetries : 0;
        _retry = !retry ? ResiliencePipeline<HttpResponseMessage>.Empty : new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TaskCanceledException>(ex => ex.InnerException is TimeoutException)
                    .HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500),
                MaxRetryAttempts = options.MaxRetries,
                Delay = TimeSpan.FromMilliseconds(options.RetryDelayMs),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    Retries++;
                    LogRetry(_logger, args.AttemptNumber + 1, args.Outcome.Exception?.Message ?? $"HTTP {(int)args.Outcome.Result!.StatusCode}");
                    return default;
                },
            })
            .Build();
    }

    /// <summary>A writer that tries each request once: network errors, 429 and 5xx are thrown at once as transient.</summary>
    public static InfluxWriter SingleAttempt(InfluxConnection connection, ILogger<InfluxWriter> logger) => new(connection, logger, retry: false);

    /// <summary>Retries made so far (for metrics).</summary>
    public long Retries { get; private set; }

    /// <summary>Writes <paramref name="points"/>; returns how many were written and which the server refused.</summary>
    /// <exception cref="InfluxWriteException">Unreachable or failing after the retries (transient), or 401/403/404 (not transient).</exception>
    public async Task<InfluxWriteResult> WriteAsync(IReadOnlyList<LinePoint> points, CancellationToken cancellationToken)
    {
        int written = 0;
        var rejected = new List<(LinePoint, string)>();
        for (int start = 0; start < points.Count; start += _options.MaxPointsPerWrite)
        {
            var chunk = points.Skip(start).Take(_options.MaxPointsPerWrite).ToList();
            written += await WriteChunkAsync(chunk, rejected, cancellationToken).ConfigureAwait(false);
        }
        return new InfluxWriteResult(written, rejected);
    }

    private async Task<int> WriteChunkAsync(List<LinePoint> chunk, List<(LinePoint, string)> rejected, CancellationToken cancellationToken)
    {
        string? error = await PostAsync(chunk, cancellationToken).ConfigureAwait(false);
        if (error is null) return chunk.Count;
        if (chunk.Count == 1)
        {
            rejected.Add((chunk[0], error));
            LogPointRejected(_logger, chunk[0].Measurement, error);
            return 0;
        }
        int half = chunk.Count / 2;
        return await WriteChunkAsync(chunk[..half], rejected, cancellationToken).ConfigureAwait(false)
             + await WriteChunkAsync(chunk[half..], rejected, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Posts one body; null on success, the server's message on 400.</summary>
    private async Task<string?> PostAsync(List<LinePoint> chunk, CancellationToken cancellationToken)
    {
        using var body = LineProtocol.Encode(chunk);
        HttpResponseMessage response;
        try
        {
            response = await _retry.ExecuteAsync(async ct =>
            {
                using var request = _connection.CreateRequest(HttpMethod.Post, _writePath);
                request.Content = new ReadOnlyMemoryContent(body.Memory) { Headers = { ContentType = new MediaTypeHeaderValue("text/plain", "utf-8") } };
                return await _connection.Http.SendAsync(request, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new InfluxWriteException($"InfluxDB at {_options.Url} unreachable after {_maxRetries} retries: {ex.Message}", transient: true, ex);
        }
        using (response)
        {
            if (response.IsSuccessStatusCode) return null;
            string message = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return response.StatusCode switch
            {
                HttpStatusCode.BadRequest => message.Trim(),
                HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError =>
                    throw new InfluxWriteException($"InfluxDB write failed after {_maxRetries} retries: HTTP {(int)response.StatusCode} {message.Trim()}", transient: true),
                HttpStatusCode.NotFound =>
                    throw new InfluxWriteException($"InfluxDB says the database/bucket '{_options.Database}' does not exist (404: {message.Trim()}); create it or set influx.createDatabase", transient: false),
                _ => throw new InfluxWriteException($"InfluxDB refused the write: HTTP {(int)response.StatusCode} {message.Trim()}; check influx credentials", transient: false),
            };
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "InfluxDB write retry {Attempt}: {Reason}")]
    static partial void LogRetry(ILogger logger, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "InfluxDB refused a point of {Measurement}: {Error}")]
    static partial void LogPointRejected(ILogger logger, string measurement, string error);
}
