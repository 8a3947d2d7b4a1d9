namespace CarbonEdge.Cloud.Export;

/// <summary>
/// Azure Event Hubs export (config section <c>export:eventHubs</c>): a connection string, or a fully-qualified namespace
/// with a shared access key name and key; and the hub. Absent or without <see cref="HubName"/>: no export.
/// </summary>
internal sealed class EventHubsOptions
{
    /// <summary><c>Endpoint=sb://NAMESPACE.servicebus.windows.net/;SharedAccessKeyName=...;SharedAccessKey=...</c>, or null.</summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>NAMESPACE.servicebus.windows.net</c>, used with <see cref="SharedAccessKeyName"/> and <see cref="SharedAccessKey"/>.</summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>Name of the shared access policy.</summary>
    public string? SharedAccessKeyName { get; set; }

    /// <summary>Key of the shared access policy.</summary>
    public string? SharedAccessKey { get; set; }

    /// <summary>The event hub.</summary>
    public string? HubName { get; set; }

    /// <summary>True when an export is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(HubName);
}
