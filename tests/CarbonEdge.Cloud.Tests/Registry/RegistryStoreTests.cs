using CarbonEdge.Cloud.Registry;
using CarbonEdge.Testing;

namespace CarbonEdge.Cloud.Tests.Registry;

public sealed class RegistryStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 1, 0, 0, TimeSpan.Zero);
    private readonly RunFolder _folder = RunFolder.Create("registry");
    private readonly RegistryStore _store;

    public RegistryStoreTests() => _store = RegistryStore.Open(_folder.File("registry.db"));

    public void Dispose() => _store.Dispose();

    private string SeedFile(string json)
    {
        string path = _folder.File($"seed-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private const string Seed = """
        {
          // comments are allowed in seed files
          "enterprises": [{ "id": "ent-1", "name": "Demo Steel", "region": "320583", "industry": "3130" }],
          "sites": [{ "id": "plant-01", "enterprise": "ent-1", "name": "Rolling mill" }],
          "devices": [
            { "site": "plant-01", "id": "m-101", "kind": "meter", "name": "Incomer", "multiplier": 40, "rolloverKwh": 999999.99, "intervalSeconds": 60 },
            { "site": "plant-01", "id": "m-102", "kind": "meter", "name": "Line 2", "multiplier": 1, "rolloverKwh": null, "intervalSeconds": 900 }
          ]
        }
        """;

    [Fact]
    public void Seeded_devices_resolve_with_their_enterprise_tags()
    {
        _store.Seed(SeedFile(Seed));
        var context = _store.FindDevice("plant-01", "m-101")!;
        Assert.Equal(40, context.Device.Multiplier);
        Assert.Equal(999999.99, context.Device.RolloverKwh);
        Assert.Equal(new EnterpriseInfo("ent-1", "Demo Steel", "320583", "3130"), context.Enterprise);
        Assert.Null(_store.FindDevice("plant-02", "m-101"));
        Assert.Equal(2, _store.Devices().Count);
    }

    [Fact]
    public void Seeding_again_updates_in_place_and_survives_a_reopen()
    {
        _store.Seed(SeedFile(Seed));
        _store.Seed(SeedFile(Seed.Replace("\"multiplier\": 40", "\"multiplier\": 80")));
        using var reopened = RegistryStore.Open(_folder.File("registry.db"));
        Assert.Equal(80, reopened.FindDevice("plant-01", "m-101")!.Device.Multiplier);
        Assert.Equal(2, reopened.Devices().Count);
    }

    [Theory]
    [InlineData("\"region\": \"320583\"", "\"region\": \"3205\"", "region")]
    [InlineData("\"enterprise\": \"ent-1\"", "\"enterprise\": \"ent-9\"", "unknown enterprise")]
    [InlineData("\"multiplier\": 40", "\"multiplier\": 0", "multiplier")]
    [InlineData("\"id\": \"m-101\"", "\"id\": \"M 101\"", "device id")]
    [InlineData("\"intervalSeconds\": 60", "\"intervalSeconds\": \"x\"", "intervalSeconds")]
    public void Invalid_seed_entries_are_refused_with_file_and_entry_named(string from, string to, string expected)
    {
        string path = SeedFile(Seed.Replace(from, to));
        var ex = Assert.Throws<InvalidDataException>(() => _store.Seed(path));
        Assert.Contains(expected, ex.Message);
        Assert.Contains(path, ex.Message);
        Assert.Empty(_store.Devices());
    }

    private const string Reports = """
        {
          "reports": [
            { "enterprise": "ent-1", "month": "2026-10", "energyKind": "electricity", "quantity": 3000, "unit": "MWh" },
            { "enterprise": "ent-1", "month": "2026-10", "energyKind": "raw_coal", "quantity": 600, "unit": "t" },
            { "enterprise": "ent-1", "month": "2026-09", "energyKind": "natural_gas", "quantity": 9, "unit": "10^4 m3" }
          ],
          "verified": [{ "enterprise": "ent-1", "year": 2025, "tco2": 52000, "mwh": 80000, "document": "2025 verification report" }]
        }
        """;

    [Fact]
    public void Monthly_reports_and_verified_figures_are_kept_by_month_and_year_and_replaced_in_place()
    {
        _store.Seed(SeedFile(Seed));
        _store.Seed(SeedFile(Reports));
        Assert.Equal(
            [new EnergyReportLine("ent-1", "2026-10", "electricity", 3000, "MWh"), new EnergyReportLine("ent-1", "2026-10", "raw_coal", 600, "t")],
            _store.EnergyReports("2026-10"));
        _store.Seed(SeedFile(Reports.Replace("\"quantity\": 600", "\"quantity\": 650")));
        Assert.Equal(650, _store.EnergyReports("2026-10").Single(l => l.EnergyKind == "raw_coal").Quantity);
        var verified = Assert.Single(_store.Verified());
        Assert.Equal((52000.0, 80000.0, 1), (verified.Tco2, verified.Mwh, verified.Revision));
    }

    [Fact]
    public void Changed_verified_figures_raise_their_revision_unchanged_ones_do_not()
    {
        _store.Seed(SeedFile(Seed));
        _store.Seed(SeedFile(Reports));
        _store.Seed(SeedFile(Reports.Replace("2025 verification report", "2025 verification report (copy)")));
        Assert.Equal(1, _store.Verified()[0].Revision);
        _store.Seed(SeedFile(Reports.Replace("\"tco2\": 52000", "\"tco2\": 54000")));
        using var reopened = RegistryStore.Open(_folder.File("registry.db"));
        Assert.Equal((54000.0, 2), (reopened.Verified()[0].Tco2, reopened.Verified()[0].Revision));
    }

    [Theory]
    [InlineData("\"month\": \"2026-10\"", "\"month\": \"2026-13\"", "month '2026-13' must be YYYY-MM")]
    [InlineData("\"energyKind\": \"raw_coal\"", "\"energyKind\": \"coal\"", "unknown energy kind 'coal'")]
    [InlineData("\"quantity\": 600, \"unit\": \"t\"", "\"quantity\": 600, \"unit\": \"m3\"", "'m3' does not fit raw_coal")]
    [InlineData("\"quantity\": 600", "\"quantity\": -1", "quantity -1 must be >= 0")]
    [InlineData("\"enterprise\": \"ent-1\", \"year\"", "\"enterprise\": \"ent-9\", \"year\"", "unknown enterprise 'ent-9'")]
    [InlineData("\"mwh\": 80000", "\"mwh\": 0", "mwh 0 must be > 0")]
    public void Invalid_reports_and_verified_figures_are_refused_with_the_line_named(string from, string to, string expected)
    {
        _store.Seed(SeedFile(Seed));
        string path = SeedFile(Reports.Replace(from, to));
        var ex = Assert.Throws<InvalidDataException>(() => _store.Seed(path));
        Assert.Contains(expected, ex.Message);
        Assert.Contains(path, ex.Message);
        Assert.Empty(_store.EnergyReports("2026-10"));
        Assert.Empty(_store.Verified());
    }

    [Fact]
    public void Seq_checks_detect_gaps_and_repeats()
    {
        Assert.Equal((SeqCheck.First, -1L), _store.RecordSeq("plant-01", "gw-01", 5, Now));
        Assert.Equal((SeqCheck.Next, 5L), _store.RecordSeq("plant-01", "gw-01", 6, Now));
        Assert.Equal((SeqCheck.Gap, 6L), _store.RecordSeq("plant-01", "gw-01", 9, Now));
        Assert.Equal((SeqCheck.Repeat, 9L), _store.RecordSeq("plant-01", "gw-01", 7, Now));
        Assert.Equal((SeqCheck.Next, 9L), _store.RecordSeq("plant-01", "gw-01", 10, Now));
        Assert.Equal((SeqCheck.First, -1L), _store.RecordSeq("plant-01", "gw-02", 1, Now));
    }

    [Fact]
    public void Dead_letters_are_kept()
    {
        _store.DeadLetter("carbonedge/v1/plant-01/gw-01/telemetry", "{"u8, "malformed_payload", "truncated", Now);
        Assert.Equal(1, _store.DeadLetterCount());
    }
}
