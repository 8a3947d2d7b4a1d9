using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Messaging.EventHubs.Producer;

namespace CarbonEdge.Cloud.Export;

/// <summary>
/// Makes the export from <c>export:eventHubs</c>: a producer from the connection string, or from the namespace and the
/// credential its <see cref="EventHubsOptions.Credential"/> names (shared access key, or an Azure.Identity
/// <see cref="TokenCredential"/>: <see cref="DefaultAzureCredential"/>, <see cref="ClientSecretCredential"/>,
/// <see cref="ManagedIdentityCredential"/>), or none.
/// </summary>
internal static class EventHubsProducer
{
    private const string Usage = "export.eventHubs: give connectionString, or fullyQualifiedNamespace with credential "
        + "sharedAccessKey (sharedAccessKeyName, sharedAccessKey), default, clientSecret (tenantId, clientId, clientSecret) or managedIdentity (clientId optional)";

    /// <exception cref="InvalidOperationException">A hub without a connection string, or a namespace without a complete credential; the message says what to give.</exception>
    public static EventHubsExport Create(EventHubsOptions? options)
    {
        if (options is not { Enabled: true }) return new EventHubsExport(null);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString)) return new EventHubsExport(new EventHubProducerClient(options.ConnectionString, options.HubName));
        if (string.IsNullOrWhiteSpace(options.FullyQualifiedNamespace)) throw new InvalidOperationException(Usage);
        string credential = options.Credential ?? (options.SharedAccessKeyName is null ? "" : "sharedAccessKey");
        if (string.Equals(credential, "sharedAccessKey", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(options.SharedAccessKeyName) || string.IsNullOrWhiteSpace(options.SharedAccessKey))
                throw new InvalidOperationException(Usage + "; sharedAccessKeyName or sharedAccessKey is missing");
            return new EventHubsExport(new EventHubProducerClient(options.FullyQualifiedNamespace, options.HubName,
                new AzureNamedKeyCredential(options.SharedAccessKeyName, options.SharedAccessKey)));
        }
        return new EventHubsExport(new EventHubProducerClient(options.FullyQualifiedNamespace, options.HubName, TokenCredential(credential, options)));
    }

    /// <summary>The Azure.Identity credential <paramref name="name"/> (case-insensitive) built from <paramref name="options"/>.</summary>
    /// <exception cref="InvalidOperationException">An unknown name, or a <c>clientSecret</c> credential missing one of its three values.</exception>
    internal static TokenCredential TokenCredential(string name, EventHubsOptions options) => name.ToLowerInvariant() switch
    {
        "default" => new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            TenantId = Blank(options.TenantId), ManagedIdentityClientId = Blank(options.ClientId),
        }),
        "clientsecret" when string.IsNullOrWhiteSpace(options.TenantId) || string.IsNullOrWhiteSpace(options.ClientId) || string.IsNullOrWhiteSpace(options.ClientSecret)
            => throw new InvalidOperationException(Usage + "; clientSecret needs tenantId, clientId and clientSecret"),
        "clientsecret" => new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret),
        "managedidentity" => Blank(options.ClientId) is { } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned),
        _ => throw new InvalidOperationException(Usage + (name.Length == 0 ? "" : $"; unknown credential '{name}'")),
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
