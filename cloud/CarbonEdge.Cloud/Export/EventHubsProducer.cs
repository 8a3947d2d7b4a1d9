using Azure;
using Azure.Messaging.EventHubs.Producer;

namespace CarbonEdge.Cloud.Export;

/// <summary>Makes the export from <c>export:eventHubs</c>: a producer from the connection string or the namespace and key, or none.</summary>
internal static class EventHubsProducer
{
    /// <exception cref="InvalidOperationException">A hub without a connection string or a namespace with its key.</exception>
    public static EventHubsExport Create(EventHubsOptions? options)
    {
        if (options is not { Enabled: true }) return new EventHubsExport(null);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString)) return new EventHubsExport(new EventHubProducerClient(options.ConnectionString, options.HubName));
        if (string.IsNullOrWhiteSpace(options.FullyQualifiedNamespace) || string.IsNullOrWhiteSpace(options.SharedAccessKeyName) || string.IsNullOrWhiteSpace(options.SharedAccessKey))
            throw new InvalidOperationException("export.eventHubs: give connectionString, or fullyQualifiedNamespace with sharedAccessKeyName and sharedAccessKey");
        return new EventHubsExport(new EventHubProducerClient(options.FullyQualifiedNamespace, options.HubName,
            new AzureNamedKeyCredential(options.SharedAccessKeyName, options.SharedAccessKey)));
    }
}
