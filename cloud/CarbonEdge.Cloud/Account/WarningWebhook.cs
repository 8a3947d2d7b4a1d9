using System.Net.Http.Json;
using CarbonEdge.Cloud.Registry;

namespace CarbonEdge.Cloud.Account;

/// <summary>
/// Sends raised warnings to <see cref="AccountOptions.WebhookUrl"/>: one JSON POST per warning (the
/// <see cref="WarningRecord"/>, camelCase), marked delivered on a 2xx answer; a warning not accepted is sent again at
/// the next evaluation. Without a URL nothing is sent. Deliveries never overlap, so no warning is posted twice by
/// two callers at once.
/// </summary>
internal sealed partial class WarningWebhook(HttpClient http, AccountOptions options, RegistryStore registry, TimeProvider time, ILogger<WarningWebhook> logger)
{
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>Posts every warning not delivered yet; returns how many were accepted.</summary>
    public async Task<int> DeliverAsync(CancellationToken cancellationToken)
    {
        if (options.WebhookUrl is not { } url) return 0;
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await PostAllAsync(url, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<int> PostAllAsync(string url, CancellationToken cancellationToken)
    {
        int sent = 0;
        foreach (var warning in registry.UnnotifiedWarnings())
        {
            try
            {
                using var response = await http.PostAsJsonAsync(url, warning, AccountJsonContext.Default.WarningRecord, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    LogRefused(logger, warning.Id, (int)response.StatusCode);
                    continue;
                }
                registry.MarkNotified(warning.Id, time.GetUtcNow());
                sent++;
            }
            catch (HttpRequestException ex)
            {
                LogFailed(logger, warning.Id, ex.Message);
                break;
            }
        }
        return sent;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook refused warning {Id} with HTTP {Status}; sent again at the next evaluation")]
    static partial void LogRefused(ILogger logger, string id, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook unreachable for warning {Id} ({Reason}); sent again at the next evaluation")]
    static partial void LogFailed(ILogger logger, string id, string reason);
}
