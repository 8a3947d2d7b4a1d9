namespace CarbonEdge.Cloud.Export;

/// <summary>
/// Azure Event Hubs export (config section <c>export:eventHubs</c>): the hub, and either a connection string or a
/// fully-qualified namespace with a credential chosen by <see cref="Credential"/>. Absent or without
/// <see cref="HubName"/>: no export.
/// </summary>
internal sealed class EventHubsOptions
{
    /// <summary><c>Endpoint=sb://NAMESPACE.servicebus.windows.net/;SharedAccessKeyName=...;SharedAccessKey=...</c>, or null.</summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>NAMESPACE.servicebus.windows.net</c>, used with the <see cref="Credential"/>.</summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>
    /// How to authenticate to <see cref="FullyQualifiedNamespace"/>: <c>sharedAccessKey</c> (<see cref="SharedAccessKeyName"/>
    /// and <see cref="SharedAccessKey"/>; the default when a key name is given), <c>default</c> (Azure.Identity's
    /// <c>DefaultAzureCredential</c>: environment, workload identity, managed identity, Azure CLI...),
    /// <c>clientSecret</c> (an Entra ID application: <see cref="TenantId"/>, <see cref="ClientId"/>, <see cref="ClientSecret"/>)
    /// or <c>managedIdentity</c> (system-assigned, or user-assigned with <see cref="ClientId"/>).
    /// </summary>
    public string? Credential { get; set; }

    /// <summary>Name of the shared access policy (credential <c>sharedAccessKey</c>).</summary>
    public string? SharedAccessKeyName { get; set; }

    /// <summary>Key of the shared access policy (credential <c>sharedAccessKey</c>).</summary>
    public string? SharedAccessKey { get; set; }

    /// <summary>Entra ID tenant (credential <c>clientSecret</c>; also passed to <c>default</c> when given).</summary>
    public string? TenantId { get; set; }

    /// <summary>Application (client) id (credential <c>clientSecret</c>), or a user-assigned managed identity's client id (<c>managedIdentity</c>, <c>default</c>).</summary>
    public string? ClientId { get; set; }

    /// <summary>Client secret of the application (credential <c>clientSecret</c>).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The event hub.</summary>
    public string? HubName { get; set; }

    /// <summary>True when an export is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(HubName);
}
