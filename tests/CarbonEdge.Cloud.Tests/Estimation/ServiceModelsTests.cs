using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation.Models;
using EnterpriseInfo = CarbonEdge.Cloud.Registry.EnterpriseInfo;
using CarbonEdge.Protocols.Telemetry;

namespace CarbonEdge.Cloud.Tests.Estimation;

/// <summary>
/// The models beyond the grid in the service: CEMS from <c>cems.*</c> readings in influxd, energy ratio from the
/// registry's monthly reports, enterprise factor from its verified annual figures; each result names its factor versions.
/// </summary>
public sealed class ServiceModelsTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 11, 20);
    private static readonly DateTimeOffset LocalMidnightUtc = new(2026, 11, 19, 16, 0, 0, TimeSpan.Zero); // 00:00 Asia/Shanghai
    private EstimationRig _rig = null!;

    public async Task InitializeAsync()
    {
        _rig = await EstimationRig.StartAsync("service-models", new RegistrySeed
        {
            Enterprises = [new EnterpriseInfo("ent-1", "Demo Steel", "320583", "3130"), new EnterpriseInfo("ent-2", "Demo Cement", "320581", "3011")],
            Sites = [new SiteInfo("plant-01", "ent-1", "Mill"), new SiteInfo("plant-02", "ent-2", "Kiln")],
            Devices =
            [
                new DeviceInfo("plant-01", "m-1", "meter", "Incomer", Multiplier: 1, RolloverKwh: null, IntervalSeconds: 60),
                new DeviceInfo("plant-01", "stack-1", "cems", "Stack 1", Multiplier: 1, RolloverKwh: null, IntervalSeconds: 60),
                new DeviceInfo("plant-02", "m-2", "meter", "Incomer", Multiplier: 1, RolloverKwh: null, IntervalSeconds: 900),
            ],
        }, now: LocalMidnightUtc.AddDays(3));
        // ent-1: 120 MWh on the day (5000 kWh/h); ent-2: 24 MWh (1000 kWh/h), each read around both midnights
        await _rig.WriteRegisterAsync("plant-01", "m-1", LocalMidnightUtc.AddHours(-1), 26 * 60, 100_000 - 5000, 5000.0 / 60, stepMinutes: 15);
        await _rig.WriteRegisterAsync("plant-02", "m-2", LocalMidnightUtc.AddHours(-1), 26 * 60, 20_000 - 1000, 1000.0 / 60, stepMinutes: 15);
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task A_cems_stack_gives_the_measured_scope_1_result_next_to_the_grid_result()
    {
        // One sample a minute all day long: CO2 10 %vol dry, 100 000 m3/h at 120 degC, 1.0 kPa gauge, 8 %vol moisture.
        var samples = Enumerable.Range(-5, 1440 + 5).SelectMany(m =>
        {
            var ts = LocalMidnightUtc.AddMinutes(m);
            return new[]
            {
                Reading.Good("stack-1", "cems.co2", 10, ts), Reading.Good("stack-1", "cems.flow", 100_000, ts),
                Reading.Good("stack-1", "cems.temperature", 120, ts), Reading.Good("stack-1", "cems.pressure", 1.0, ts),
                Reading.Good("stack-1", "cems.humidity", 8, ts), Reading.Good("stack-1", "cems.o2", 11, ts),
            };
        });
        await _rig.WriteAsync("plant-01", "gw-01", samples);

        var results = (await _rig.Estimator.EstimateAsync(Day, default)).Results.Where(r => r.Enterprise.Id == "ent-1").ToList();

        // Formula 5: Q_sn = 100 000 m3/h x 273.15/393.15 x 102.325/101.325 x (1 - 0.08) = 64 549.9475 m3/h
        // CO2 = 0.10 x 64 549.9475 m3/h x 1.9768 kg/m3 = 12 760.2336 kg/h; x 24 h = 306.245607 tCO2
        var cems = Assert.Single(results, r => r.Model == EstimationModel.Cems);
        Assert.Equal(306.245607, cems.Tco2, 6);
        Assert.Equal("1", cems.Scope);
        Assert.Equal(1.0, cems.Completeness);
        Assert.False(cems.Estimated);
        Assert.Equal(["constant.co2_density@1.9768kg/m3"], cems.FactorVersions);
        Assert.Equal(120_000, cems.Kwh, 6); // the day's electricity, reported alongside
        var grid = Assert.Single(results, r => r.Model == EstimationModel.Grid);
        Assert.Equal(120 * 0.5703, grid.Tco2, 9);

        var rows = await _rig.RowsAsync("SELECT * FROM carbon_daily WHERE enterprise = 'ent-1'");
        Assert.Equal(["cems/1", "grid/2"], rows.Select(r => $"{r.Values["method"]}/{r.Values["scope"]}").Order());
    }

    [Fact]
    public async Task A_cems_stack_without_samples_is_estimated_zero_not_left_out()
    {
        var cems = Assert.Single((await _rig.Estimator.EstimateAsync(Day, default)).Results, r => r.Model == EstimationModel.Cems);
        Assert.Equal(0, cems.Tco2);
        Assert.Equal(0, cems.Completeness);
        Assert.True(cems.Estimated);
    }

    [Fact]
    public async Task Last_months_report_in_the_registry_runs_the_energy_ratio_model()
    {
        _rig.Registry.Seed(new RegistrySeed
        {
            Reports =
            [
                new EnergyReportLine("ent-2", "2026-10", "electricity", 600, "MWh"),
                new EnergyReportLine("ent-2", "2026-10", "raw_coal", 3000, "t"),
                new EnergyReportLine("ent-2", "2026-10", "natural_gas", 30, "10^4 m3"),
                new EnergyReportLine("ent-2", "2026-09", "raw_coal", 99_999, "t"), // another month: not used
            ],
        });

        var estimate = await _rig.Estimator.EstimateAsync(Day, default);

        // Formula 3: E_d = 24 MWh, E_lastMonth = 600 MWh: ratio 0.04.
        // raw coal    0.04 x 3000 t = 120 t = 120 000 kg x 0.7143 kgce/kg = 85 716 kgce = 85.716 tce
        // natural gas 0.04 x 30 10^4 m3 = 12 000 m3 x 1.2143 kgce/m3 = 14 571.6 kgce = 14.5716 tce
        // 100.2876 tce x 2.66 tCO2/tce = 266.765016 tCO2
        var ratio = Assert.Single(estimate.Results, r => r.Model == EstimationModel.EnergyRatio);
        Assert.Equal("ent-2", ratio.Enterprise.Id);
        Assert.Equal(266.765016, ratio.Tco2, 6);
        Assert.Equal("1", ratio.Scope);
        Assert.Equal(["tce_co2.standard_coal@v1", "coal_coefficient.natural_gas@v1", "coal_coefficient.raw_coal@v1"], ratio.FactorVersions);
        Assert.Empty(estimate.Notices);
        var row = Assert.Single(await _rig.RowsAsync("SELECT * FROM carbon_daily WHERE method = 'energy_ratio'"));
        Assert.Equal("tce_co2.standard_coal@v1;coal_coefficient.natural_gas@v1;coal_coefficient.raw_coal@v1", row.Values["factor_version"]);
    }

    [Fact]
    public async Task A_report_without_electricity_is_a_notice_and_the_other_models_still_run()
    {
        _rig.Registry.Seed(new RegistrySeed { Reports = [new EnergyReportLine("ent-2", "2026-10", "raw_coal", 3000, "t")] });

        var estimate = await _rig.Estimator.EstimateAsync(Day, default);

        var notice = Assert.Single(estimate.Notices);
        Assert.Contains("ent-2 2026-11-20: energy_ratio not estimated", notice);
        Assert.Contains("electricity", notice);
        Assert.DoesNotContain(estimate.Results, r => r.Model == EstimationModel.EnergyRatio);
        Assert.Equal(2, estimate.Results.Count(r => r.Model == EstimationModel.Grid));
    }

    [Fact]
    public async Task Verified_annual_figures_run_the_enterprise_factor_model_and_a_revision_raises_the_version()
    {
        _rig.Registry.Seed(new RegistrySeed { Verified = [new VerifiedEmissions("ent-1", 2025, 52_000, 80_000, "2025 verification report")] });

        // Formula 4: f_e = 52 000 tCO2 / 80 000 MWh = 0.65 tCO2/MWh (2025, the newest year up to the day); 120 MWh x 0.65 = 78 tCO2
        var first = Assert.Single((await _rig.Estimator.EstimateAsync(Day, default)).Results, r => r.Model == EstimationModel.EnterpriseFactor);
        Assert.Equal(78, first.Tco2, 9);
        Assert.Equal("1+2", first.Scope);
        Assert.Equal(["enterprise.ent-1.2025@v1"], first.FactorVersions);
        Assert.Contains(first.Events, e => e.Kind == CarbonEdge.Estimation.EstimationEventKind.FactorCaveat); // a 2025 factor applied in 2026

        // The verifier corrects the figures: 54 000 tCO2 -> 0.675 tCO2/MWh, version 2; the same figures again keep it.
        _rig.Registry.Seed(new RegistrySeed { Verified = [new VerifiedEmissions("ent-1", 2025, 54_000, 80_000, "2025 verification report, corrected")] });
        _rig.Registry.Seed(new RegistrySeed { Verified = [new VerifiedEmissions("ent-1", 2025, 54_000, 80_000, "2025 verification report, corrected")] });
        var second = Assert.Single((await _rig.Estimator.EstimateAsync(Day, default)).Results, r => r.Model == EstimationModel.EnterpriseFactor);
        Assert.Equal(120 * 0.675, second.Tco2, 9);
        Assert.Equal(["enterprise.ent-1.2025@v2"], second.FactorVersions);
        var cited = _rig.Factors.Current().All.Single(f => f.VersionId == "enterprise.ent-1.2025@v2");
        Assert.Equal("2025 verification report, corrected", cited.Source.Document);
    }
}
