using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Estimation.Offline;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Electricity;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Models;
using EnterpriseInfo = CarbonEdge.Cloud.Registry.EnterpriseInfo;

namespace CarbonEdge.Cloud.Tests.Estimation;

/// <summary>
/// The service (<see cref="DailyEstimator"/> on influxd and the registry) and the offline command
/// (<see cref="OfflineEstimation"/> on files) run one enterprise pipeline: on the same readings, reports and grid
/// calibre they give the same enterprise rows, including the day no reading bears on (skipped by both).
/// </summary>
public sealed class ServiceOfflineParityTests : IAsyncLifetime
{
    private static readonly DateOnly First = new(2026, 11, 20), Last = new(2026, 11, 22);
    private static readonly DateTimeOffset LocalMidnightUtc = new(2026, 11, 19, 16, 0, 0, TimeSpan.Zero); // 2026-11-20 00:00 Asia/Shanghai
    private EstimationRig _rig = null!;

    public async Task InitializeAsync() => _rig = await EstimationRig.StartAsync("parity", new RegistrySeed
    {
        Enterprises = [new EnterpriseInfo("ent-1", "Demo Steel", "320583", "3130"), new EnterpriseInfo("ent-2", "Demo Cement", "320581", "3011")],
        Sites = [new SiteInfo("plant-01", "ent-1", "Mill"), new SiteInfo("plant-02", "ent-2", "Kiln")],
        Devices =
        [
            new DeviceInfo("plant-01", "m-1", "meter", "Incomer", Multiplier: 2, RolloverKwh: null, IntervalSeconds: 900),
            new DeviceInfo("plant-02", "m-2", "meter", "Incomer", Multiplier: 1, RolloverKwh: null, IntervalSeconds: 900),
        ],
        Reports =
        [
            new EnergyReportLine("ent-2", "2026-10", "electricity", 600, "MWh"),
            new EnergyReportLine("ent-2", "2026-10", "raw_coal", 3000, "t"),
        ],
    }, now: LocalMidnightUtc.AddDays(10), new EstimationOptions { GridCalibre = GridCalibre.StatisticalAverage });

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task Service_and_offline_give_identical_enterprise_rows()
    {
        // m-1: every 15 min over the three days and an hour either side; m-2: 2026-11-20 and the first hour of the 21st, then none.
        await _rig.WriteRegisterAsync("plant-01", "m-1", LocalMidnightUtc.AddHours(-1), 3 * 1440 + 120, 10_000, 2.5, stepMinutes: 15);
        await _rig.WriteRegisterAsync("plant-02", "m-2", LocalMidnightUtc.AddHours(-1), 1440 + 120, 20_000, 1000.0 / 60, stepMinutes: 15);

        var service = new List<EnterpriseDay>();
        var serviceNotices = new List<string>();
        for (var day = First; day <= Last; day = day.AddDays(1))
        {
            var estimate = await _rig.Estimator.ComputeAsync(day, default);
            service.AddRange(estimate.Results);
            serviceNotices.AddRange(estimate.Notices);
        }

        var meters = new List<MeterEntry>
        {
            new(new MeterConfig("m-1", 2, null, 900), new CarbonEdge.Estimation.Models.EnterpriseInfo("ent-1", "320583", "3130")),
            new(new MeterConfig("m-2", 1, null, 900), new CarbonEdge.Estimation.Models.EnterpriseInfo("ent-2", "320581", "3011")),
        };
        var readings = new ReadingsFile(new(StringComparer.Ordinal)
        {
            ["m-1"] = Register(3 * 1440 + 120, 10_000, 2.5),
            ["m-2"] = Register(1440 + 120, 20_000, 1000.0 / 60),
        }, new(StringComparer.Ordinal), 0, 0);
        var reports = new List<MonthlyEnergyReport>
        {
            new("ent-2", Period.MonthOf(new DateOnly(2026, 10, 1)), [new("electricity", 600, "MWh"), new("raw_coal", 3000, "t")]),
        };
        var offline = OfflineEstimation.Run(FactorLibrary.LoadEmbedded(), meters, readings, reports,
            new OfflineRequest(First, Last, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), null, null, Rollup: false, GridCalibre.StatisticalAverage));

        // ent-1 grid x 3 days; ent-2 grid and energy_ratio on the 20th and (estimated) the 21st; no reading bears on its 22nd.
        Assert.Equal(7, service.Count);
        Assert.Equal(Rows(service), Rows(offline.Days));
        Assert.All(service, r => Assert.StartsWith("grid.statistical_average", r.Model == EstimationModel.Grid ? r.FactorVersion : "grid.statistical_average"));
        Assert.Equal(serviceNotices.Order(), offline.Notices.Order());
        Assert.Contains(serviceNotices, n => n.StartsWith("ent-2 2026-11-22: no register reading bears on the day", StringComparison.Ordinal));
    }

    private static List<RegisterReading> Register(int minutes, double start, double kwhPerMinute) =>
        [.. Enumerable.Range(0, minutes / 15 + 1).Select(i => new RegisterReading(LocalMidnightUtc.AddHours(-1).AddMinutes(i * 15), start + kwhPerMinute * i * 15, ReadingQuality.Good))];

    private static List<string> Rows(IEnumerable<EnterpriseDay> results) =>
        [.. results.Select(r => $"{r.Enterprise.Id},{r.Enterprise.Region},{r.Enterprise.Industry},{r.Day:yyyy-MM-dd},{WireName.Of(r.Model)},{r.Scope}," +
            $"{r.Kwh:F6},{r.Tco2:F9},{r.Completeness:F6},{r.Estimated},{r.GapFill},{r.FactorVersion}").Order(StringComparer.Ordinal)];
}
