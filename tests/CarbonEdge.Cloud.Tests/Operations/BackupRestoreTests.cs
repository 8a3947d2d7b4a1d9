using System.Diagnostics;
using System.Globalization;
using System.Text;
using CarbonEdge.Cloud.Access;
using CarbonEdge.Cloud.Cli;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Testing;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace CarbonEdge.Cloud.Tests.Operations;

/// <summary>
/// Backup/restore drill (T/CES carbon statistics §8.1, §8.6: recovery within 30 minutes): a day of the demo plant (3
/// meters, 12 points each, every 5 s: 622 080 readings) in one InfluxDB and a registry with users, keys and audit rows
/// are backed up with <c>cedge-cloud backup</c> and restored with <c>cedge-cloud restore</c> onto a fresh InfluxDB and
/// registry file; readings and registry restored equal the originals. The restore time is printed (not asserted).
/// </summary>
public sealed class BackupRestoreTests(ITestOutputHelper output)
{
    private const string Database = "carbonedge";
    private static readonly string[] Points =
        ["energy.active.import", "power.active", "power.reactive", "power.factor", "voltage.a", "voltage.b", "voltage.c", "current.a", "current.b", "current.c", "frequency", "energy.reactive.import"];

    [Fact]
    public async Task A_day_of_the_demo_plant_and_the_registry_restore_equal_to_the_originals()
    {
        await using var source = await InfluxServer.StartAsync("backup-source-influxd");
        await using var target = await InfluxServer.StartAsync("backup-target-influxd");
        var folder = RunFolder.Create("backup-drill");
        string sourceConfig = Config(folder, "source", source), targetConfig = Config(folder, "target", target);
        using (var registry = RegistryStore.Open(folder.File("source/registry.db")))
        {
            registry.Seed(new RegistrySeed
            {
                Enterprises = [new EnterpriseInfo("ent-1", "Test Steel", "320583", "3130")],
                Sites = [new SiteInfo("plant-01", "ent-1", "Mill")],
                Devices = [.. Enumerable.Range(1, 3).Select(i => new DeviceInfo("plant-01", $"m-{i}", "meter", $"Meter {i}", 1, null, 5))],
            });
        }
        using (var access = AccessStore.Open(folder.File("source/registry.db")))
        using (var audit = AuditLog.Open(folder.File("source/registry.db")))
        {
            access.CreateKey("regional-platform", Roles.Regulator, new AccessScope([CarbonEdge.Estimation.Regions.RegionCode.Parse("320500")], []), 30);
            access.AddUser("plant-manager", Roles.Enterprise, new AccessScope([], ["ent-1"]), "a long enough password", withTotp: false);
            audit.Append("test", "drill.start", "", "ok");
        }
        await source.CreateDatabaseAsync(Database);
        int written = await WriteDayAsync(source);

        Assert.Equal(0, await CloudCommand.Create().Parse(["backup", "--out", folder.File("backup"), "--config", sourceConfig]).InvokeAsync());
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, await CloudCommand.Create().Parse(["restore", "--from", folder.File("backup"), "--config", targetConfig]).InvokeAsync());
        clock.Stop();
        output.WriteLine($"restore of {written} readings and the registry: {clock.Elapsed.TotalSeconds:F1} s");

        const string summary = "SELECT count(value), sum(value), min(value), max(value) FROM reading GROUP BY device, point";
        Assert.Equal(await Rows(source, summary), await Rows(target, summary));
        Assert.Contains(written.ToString(CultureInfo.InvariantCulture), await Rows(target, "SELECT count(value) FROM reading"));
        foreach (var table in (string[])["enterprise", "site", "device", "access_user", "api_key", "audit"])
            Assert.Equal(Dump(folder.File("source/registry.db"), table), Dump(folder.File("target/registry.db"), table));
        using var restored = AuditLog.Open(folder.File("target/registry.db"));
        Assert.Null(restored.Verify().Problem);
    }

    private static string Config(RunFolder folder, string name, InfluxServer influx)
    {
        Directory.CreateDirectory(folder.File(name));
        string path = folder.File($"{name}/cedge-cloud.json");
        File.WriteAllText(path, $$"""
            { "influx": { "url": "{{influx.Url}}", "database": "{{Database}}" }, "registry": { "path": "registry.db" },
              "backup": { "influxHost": "127.0.0.1:{{influx.RpcPort}}" } }
            """);
        return path;
    }

    /// <summary>Writes a day of readings every 5 s for 3 meters and 12 points, in 20 000-point batches; returns the count.</summary>
    private static async Task<int> WriteDayAsync(InfluxServer influx)
    {
        using var http = new HttpClient();
        var start = new DateTimeOffset(2026, 11, 20, 16, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var batch = new StringBuilder();
        int count = 0;
        for (int step = 0; step < 17_280; step++)
        {
            for (int meter = 1; meter <= 3; meter++)
            {
                foreach (var (point, i) in Points.Select((p, i) => (p, i)))
                {
                    double value = point == "energy.active.import" ? 1000 * meter + step * 0.7 : 100 * meter + i + Math.Sin(step / 100.0);
                    batch.Append(CultureInfo.InvariantCulture,
                        $"reading,site=plant-01,gateway=gw-01,device=m-{meter},point={point},enterprise=ent-1,region=320583,industry=3130 value={value:R},quality=\"good\" {start + step * 5000L}\n");
                    count++;
                }
            }
            if (batch.Length > 2_000_000 || step == 17_279)
            {
                using var response = await http.PostAsync($"{influx.Url}/write?db={Database}&precision=ms", new StringContent(batch.ToString()));
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
                batch.Clear();
            }
        }
        return count;
    }

    private static async Task<string> Rows(InfluxServer influx, string query)
    {
        using var doc = await influx.QueryAsync(Database, query);
        return doc.RootElement.ToString();
    }

    private static string Dump(string file, string table)
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} ORDER BY 1";
        using var reader = command.ExecuteReader();
        var text = new StringBuilder();
        while (reader.Read())
        {
            for (int i = 0; i < reader.FieldCount; i++) text.Append(reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
            text.Append('\n');
        }
        Assert.True(text.Length > 0, $"table {table} is empty");
        return text.ToString();
    }
}
