using CarbonEdge.Cloud.Estimation.Offline;
using CarbonEdge.Estimation.Electricity;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Testing;

namespace CarbonEdge.Cloud.Tests.Estimation.Offline;

public sealed class OfflineCsvTests
{
    private readonly RunFolder _folder = RunFolder.Create("offline-csv");
    private readonly List<CsvIssue> _issues = [];

    private string Write(string name, string text)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Readings_are_grouped_by_device_and_bad_rows_are_reported_with_line_and_column()
    {
        var path = Write("readings.csv", """
            device,point,ts,value,quality
            m-1,energy.active.import,2026-11-21T16:00:00Z,100.5,good
            m-1,energy.active.import,2026-11-22T00:15:00+08:00,101.5,uncertain
            m-1,energy.active.import,2026-11-21T16:30:00Z,,bad
            m-1,power.active,2026-11-21T16:30:00Z,4,good
            cems-1,cems.co2,2026-11-21T16:00:00Z,12.5,good
            m-1,energy.active.import,2026-11-21T16:45:00,102,good
            m-1,energy.active.import,2026-11-21T17:00:00Z,abc,good
            m-1,energy.active.import,2026-11-21T17:15:00Z,103,ok
            m-1,energy.active.import,2026-11-21T17:30:00Z,,good
            m-1,energy.active.import
            "m-1,energy.active.import,2026-11-21T17:45:00Z,104,good

            """);

        var file = ReadingsCsv.Read(path, _issues);

        Assert.Equal(3, file.Registers["m-1"].Count);
        Assert.Equal(new RegisterReading(new DateTimeOffset(2026, 11, 21, 16, 15, 0, TimeSpan.Zero), 101.5, ReadingQuality.Uncertain), file.Registers["m-1"][1]);
        Assert.True(double.IsNaN(file.Registers["m-1"][2].Value));
        Assert.Equal("cems.co2", Assert.Single(file.Cems["cems-1"]).Point);
        Assert.Equal(1, file.Ignored);
        Assert.Collection(_issues,
            i => Assert.Equal(("readings.csv", 7L, 3, "ts"), (i.File, i.Line, i.Column, i.ColumnName)),
            i => Assert.Equal((8L, 4, "value"), (i.Line, i.Column, i.ColumnName)),
            i => Assert.Equal((9L, 5, "quality"), (i.Line, i.Column, i.ColumnName)),
            i => Assert.Equal((10L, 4, "value"), (i.Line, i.Column, i.ColumnName)),
            i => Assert.Equal((11L, 0), (i.Line, i.Column)),
            i => Assert.Equal(12L, i.Line));
        Assert.Equal("readings.csv line 7, column 3 (ts): '2026-11-21T16:45:00' is not an RFC 3339 timestamp with a zone " +
                     "(e.g. 2026-11-21T16:00:00Z or 2026-11-22T00:00:00+08:00); row skipped", _issues[0].ToString());
    }

    [Fact]
    public void A_missing_header_column_stops_the_run_with_what_is_missing()
    {
        var path = Write("meters.csv", "device,enterprise,region,multiplier,rollover,interval_s\nm-1,ent-1,130102,1,,900\n");

        var error = Assert.Throws<CsvFileException>(() => MetersCsv.Read(path, _issues));

        Assert.Contains("meters.csv line 1", error.Message);
        Assert.Contains("missing: industry", error.Message);
    }

    [Fact]
    public void Meters_need_a_region_code_a_positive_multiplier_and_one_line_per_device()
    {
        var path = Write("meters.csv", """
            device,enterprise,region,industry,multiplier,rollover,interval_s
            m-1,ent-1,130102,3110,40,999999.99,900
            m-2,ent-1,130102,3110,1,,60
            m-3,ent-2,1301,3110,1,,900
            m-4,ent-2,130202,2511,-2,,900
            m-1,ent-1,130102,3110,1,,900
            m-5,ent-1,130104,3110,1,,900
            m-6,ent-3,130202,2511,1,,0
            """);

        var meters = MetersCsv.Read(path, _issues);

        Assert.Equal(["m-1", "m-2"], meters.Select(m => m.Meter.DeviceId));
        Assert.Equal(new MeterConfig("m-1", 40, 999999.99, 900), meters[0].Meter);
        Assert.Equal([(4L, "region"), (5L, "multiplier"), (6L, "device"), (7L, "region"), (8L, "interval_s")],
            _issues.Select(i => (i.Line, i.ColumnName)));
    }

    [Fact]
    public void Reports_need_known_kinds_fitting_units_and_months()
    {
        var path = Write("reports.csv", """
            enterprise,month,energy_kind,quantity,unit
            ent-1,2026-10,electricity,3000,MWh
            ent-1,2026-10,raw_coal,600,t
            ent-1,2026-10,natural_gas,9,10^4 m3
            ent-1,2026-10,raw_coal,1,10^4 m3
            ent-1,2026-10,coal,1,t
            ent-1,2026-13,diesel,1,t
            ent-1,2026-10,diesel,-1,t
            ent-1,2025-12,verified_co2,52000,tCO2
            """);

        var reports = ReportsCsv.Read(path, FactorLibrary.LoadEmbedded(), _issues);

        Assert.Equal(3, reports.Single(r => r.Month.ToString() == "2026-10").Lines.Count);
        Assert.Equal(52000, reports.Single(r => r.Month.ToString() == "2025-12").Lines[0].Quantity);
        Assert.Equal([(5L, "unit"), (6L, "energy_kind"), (7L, "month"), (8L, "quantity")], _issues.Select(i => (i.Line, i.ColumnName)));
    }
}
