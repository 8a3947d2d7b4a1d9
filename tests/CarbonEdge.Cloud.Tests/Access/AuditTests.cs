using System.Text.Json;
using CarbonEdge.Cloud.Access;
using CarbonEdge.Cloud.Cli;
using CarbonEdge.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonEdge.Cloud.Tests.Access;

/// <summary>
/// The audit log (T/CES carbon statistics §8.3; T/ZJSEE monitoring guide §6.4.7.1.3): writes and denials are in it,
/// admins read it over the API, it refuses UPDATE and DELETE, and <c>audit verify</c> finds an edited or removed row.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed class AuditTests(AccessFixture access)
{
    [Fact]
    public async Task Writes_and_denials_are_in_the_log_that_admins_read_over_the_api()
    {
        var (status, _) = await access.SendAsync(HttpMethod.Put, "/api/v1/sites/plant-02/devices/m-2", access.Cloud.AdminKey,
            """{"kind":"meter","name":"Feeder 2","multiplier":40,"intervalSeconds":60}""");
        Assert.Equal(200, status);
        Assert.Equal(404, (await access.SendAsync(HttpMethod.Get, "/api/v1/enterprises/ent-2", access.Keys["enterprise-1"].Key)).Status);

        var entries = await ReadWholeLogAsync(); // other tests of the collection write many rows too
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "registry.device.put" && e.GetProperty("target").GetString() == "plant-02/m-2"
                                      && e.GetProperty("actor").GetString() == "key:test-admin");
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "access.denied" && e.GetProperty("actor").GetString() == "key:enterprise-1"
                                      && e.GetProperty("target").GetString() == "GET /api/v1/enterprises/ent-2" && e.GetProperty("outcome").GetString() == "404");
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "key.use");

        var (filtered, only) = await access.SendAsync(HttpMethod.Get, "/api/v1/audit?action=registry&limit=1000", access.Cloud.AdminKey);
        Assert.Equal(200, filtered);
        using var registry = JsonDocument.Parse(only);
        Assert.All(registry.RootElement.GetProperty("entries").EnumerateArray(), e => Assert.StartsWith("registry.", e.GetProperty("action").GetString()));
    }

    /// <summary>Every row of the log over the API, page by page (<c>next</c> until null).</summary>
    private async Task<List<JsonElement>> ReadWholeLogAsync()
    {
        var entries = new List<JsonElement>();
        long? after = 0;
        while (after is { } from)
        {
            var (status, body) = await access.SendAsync(HttpMethod.Get, $"/api/v1/audit?after={from}&limit=1000", access.Cloud.AdminKey);
            Assert.Equal(200, status);
            var page = JsonDocument.Parse(body).RootElement;
            entries.AddRange(page.GetProperty("entries").EnumerateArray());
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetInt64();
        }
        return entries;
    }

    [Fact]
    public void The_table_refuses_updates_and_deletes()
    {
        var log = access.Cloud.Services.GetRequiredService<AuditLog>();
        log.Append("test", "probe", "", "ok");
        using var connection = new SqliteConnection($"Data Source={access.Cloud.Folder.File("registry.db")};Pooling=false");
        connection.Open();
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE audit SET outcome = 'denied' WHERE id = 1";
        Assert.Contains("append-only", Assert.Throws<SqliteException>(() => update.ExecuteNonQuery()).Message);
        using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM audit";
        Assert.Contains("append-only", Assert.Throws<SqliteException>(() => delete.ExecuteNonQuery()).Message);
    }

    [Theory]
    [InlineData("UPDATE audit SET detail = 'nothing to see' WHERE id = 2", "row 2")]
    [InlineData("DELETE FROM audit WHERE id = 2", "row 2 is missing")]
    [InlineData("UPDATE audit SET actor = 'key:someone-else', hash = 'x' WHERE id = (SELECT max(id) FROM audit)", "row")]
    public void Audit_verify_passes_on_the_log_and_fails_on_a_copy_with_a_row_edited_or_removed(string tampering, string named)
    {
        var log = access.Cloud.Services.GetRequiredService<AuditLog>();
        log.Append("test", "probe", "", "ok");
        var folder = RunFolder.Create("audit-verify");
        string copy = folder.File("registry.db");
        using (var source = new SqliteConnection($"Data Source={access.Cloud.Folder.File("registry.db")};Pooling=false"))
        using (var target = new SqliteConnection($"Data Source={copy};Pooling=false"))
        {
            source.Open();
            target.Open();
            source.BackupDatabase(target);
        }
        File.WriteAllText(folder.File("cedge-cloud.json"), """{ "registry": { "path": "registry.db" } }""");
        Assert.Equal(0, CloudCommand.Create().Parse(["audit", "verify", "--config", folder.File("cedge-cloud.json")]).Invoke());

        using (var connection = new SqliteConnection($"Data Source={copy};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; {tampering};";
            command.ExecuteNonQuery();
        }
        using (var tampered = AuditLog.Open(copy))
        {
            var (_, problem) = tampered.Verify();
            Assert.NotNull(problem);
            Assert.Contains(named, problem);
        }
        Assert.Equal(1, CloudCommand.Create().Parse(["audit", "verify", "--config", folder.File("cedge-cloud.json")]).Invoke());
    }
}
