using System.Collections.Concurrent;
using System.Text.Json;
using CarbonEdge.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace CarbonEdge.Cloud.Tests.Account;

/// <summary>A webhook endpoint on 127.0.0.1 (Kestrel) that records every POST body it receives.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The URL to post to.</summary>
    public string Url { get; }

    /// <summary>The bodies received, in order.</summary>
    public ConcurrentQueue<JsonDocument> Calls { get; } = new();

    public static async Task<WebhookReceiver> StartAsync()
    {
        string baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(baseUrl);
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, baseUrl + "/hook");
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            receiver.Calls.Enqueue(await JsonDocument.ParseAsync(request.Body));
            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
