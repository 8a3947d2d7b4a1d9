using System.Net.Http.Headers;
using System.Text;

namespace CarbonEdge.Cloud.Influx;

/// <summary>The HTTP client, base URL and credentials that the writer and the query client share.</summary>
internal sealed class InfluxConnection(HttpClient http, InfluxOptions options)
{
    /// <summary>The shared HTTP client (timeout from <see cref="InfluxOptions.TimeoutSeconds"/>).</summary>
    public HttpClient Http { get; } = http;

    /// <summary>The options.</summary>
    public InfluxOptions Options { get; } = options;

    /// <summary>A request to <paramref name="pathAndQuery"/> under the base URL, with Basic or Token authorization.</summary>
    public HttpRequestMessage CreateRequest(HttpMethod method, string pathAndQuery)
    {
        var request = new HttpRequestMessage(method, Options.Url.TrimEnd('/') + pathAndQuery);
        if (Options.Token is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Token", token);
        else if (Options.Username is { } user)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{Options.Password}")));
        return request;
    }
}
