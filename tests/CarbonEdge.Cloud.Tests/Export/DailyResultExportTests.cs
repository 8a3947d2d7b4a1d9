using System.Text.Json;
using Azure.Identity;
using Azure.Messaging.EventHubs;
using CarbonEdge.Cloud.Export;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Models;

namespace CarbonEdge.Cloud.Tests.Export;

/// <summary>Daily results (<c>carbon_daily</c> rows) to Event Hubs, and the credentials <c>export.eventHubs</c> can name.</summary>
public class DailyResultExportTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateOnly Day = new(2026, 12, 3);

    private static EnterpriseDay Result(string enterprise, EstimationModel model, string scope, double tco2) =>
        new(new EnterpriseInfo(enterprise, "320583", "3130"), Day, model, scope, 2400, tco2, 0.98, true, null, ["grid.ets_reporting.CN.2022@v1"], []);

    [Fact]
    public async Task Each_result_is_one_json_event_partitioned_by_enterprise_with_schema_enterprise_and_method()
    {
        var producer = new RecordingProducer(failures: 0);
        var results = new[]
        {
            Result("ent-a", EstimationModel.Grid, "2", 1.368), Result("ent-a", EstimationModel.EnergyRatio, "1", 0.9),
            Result("ent-a", EstimationModel.EnterpriseFactor, "1+2", 2.1), Result("ent-a", EstimationModel.Cems, "1", 0.4),
            Result("ent-b", EstimationModel.Grid, "2", 0.5),
        };
        await new EventHubsExport(producer).SendAsync(results, Shanghai, CancellationToken.None);

        var sent = producer.Sent.Where(b => b.Events.Count > 0).ToList();
        Assert.Equal(["ent-a", "ent-a", "ent-b"], sent.Select(b => b.PartitionKey)); // three events fill a test batch
        Assert.Equal(5, producer.Delivered);
        var first = sent[0].Events[0];
        Assert.Equal(DailyResultEvents.Schema, first.Properties["schema"]);
        Assert.Equal("ent-a", first.Properties["enterprise"]);
        Assert.Equal("grid", first.Properties["method"]);
        Assert.Equal("application/json", first.ContentType);
        using var body = JsonDocument.Parse(first.EventBody.ToMemory());
        var json = body.RootElement;
        Assert.Equal("2026-12-03", json.GetProperty("day").GetString());
        Assert.Equal("2026-12-02T16:00:00Z", json.GetProperty("dayStart").GetString()); // local midnight, UTC+8
        Assert.Equal("2", json.GetProperty("scope").GetString());
        Assert.Equal(2400, json.GetProperty("kwh").GetDouble());
        Assert.Equal(1.368, json.GetProperty("tco2").GetDouble());
        Assert.True(json.GetProperty("estimated").GetBoolean());
        Assert.Equal("grid.ets_reporting.CN.2022@v1", json.GetProperty("factorVersion").GetString());
        Assert.Equal("1+2", JsonDocument.Parse(sent[0].Events[2].EventBody.ToMemory()).RootElement.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task A_hub_outage_fails_the_send_as_an_export_failure_so_the_day_is_run_again()
    {
        var producer = new RecordingProducer(failures: 1);
        var export = new EventHubsExport(producer);
        var error = await Assert.ThrowsAsync<EventHubsException>(() => export.SendAsync([Result("ent-a", EstimationModel.Grid, "2", 1)], Shanghai, CancellationToken.None));
        Assert.True(EventHubsExport.IsFailure(error)); // the scheduler's retry-in-a-minute filter, and the ingestion's hold-and-retry
        Assert.True(EventHubsExport.IsFailure(new CredentialUnavailableException("no managed identity endpoint"))); // a credential without a token
        Assert.False(EventHubsExport.IsFailure(new OperationCanceledException()));
        await export.SendAsync([Result("ent-a", EstimationModel.Grid, "2", 1)], Shanghai, CancellationToken.None);
        Assert.Equal(1, producer.Delivered);
    }

    [Fact]
    public void The_namespace_credential_is_chosen_by_config()
    {
        var options = new EventHubsOptions { HubName = "results", FullyQualifiedNamespace = "ns.servicebus.windows.net" };
        Assert.IsType<DefaultAzureCredential>(EventHubsProducer.TokenCredential("default", options));
        Assert.IsType<ManagedIdentityCredential>(EventHubsProducer.TokenCredential("managedIdentity", options));
        Assert.IsType<ManagedIdentityCredential>(EventHubsProducer.TokenCredential("managedidentity", new EventHubsOptions { ClientId = "00000000-0000-0000-0000-000000000001" }));
        var incomplete = Assert.Throws<InvalidOperationException>(() => EventHubsProducer.TokenCredential("clientSecret", new EventHubsOptions { TenantId = "t", ClientId = "c" }));
        Assert.Contains("clientSecret needs tenantId, clientId and clientSecret", incomplete.Message);
        Assert.IsType<ClientSecretCredential>(EventHubsProducer.TokenCredential("clientSecret",
            new EventHubsOptions { TenantId = "00000000-0000-0000-0000-000000000002", ClientId = "c", ClientSecret = "s" }));
        Assert.Contains("unknown credential 'kerberos'", Assert.Throws<InvalidOperationException>(() => EventHubsProducer.TokenCredential("kerberos", options)).Message);

        Assert.Contains("credential", Assert.Throws<InvalidOperationException>(() => EventHubsProducer.Create(options)).Message); // a namespace without a credential
        options.Credential = "default";
        Assert.True(EventHubsProducer.Create(options).Enabled); // no connection until the first send
        options.Credential = null;
        options.SharedAccessKeyName = "send";
        Assert.Contains("sharedAccessKey is missing", Assert.Throws<InvalidOperationException>(() => EventHubsProducer.Create(options)).Message);
    }
}
