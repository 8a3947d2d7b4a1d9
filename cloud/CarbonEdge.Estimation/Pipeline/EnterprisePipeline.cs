using CarbonEdge.Estimation.Cems;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Models;

namespace CarbonEdge.Estimation.Pipeline;

/// <summary>How every enterprise day of a run is estimated: the factors and the choices that are the same for all.</summary>
/// <param name="Factors">The factor library (with the enterprises' derived electricity-carbon factors, formula 4).</param>
/// <param name="GridCalibre">The grid factor series (<see cref="Factors.GridCalibre"/>); the service's <c>estimation:gridCalibre</c>, the offline <c>--grid-calibre</c>.</param>
/// <param name="GridOverride">EF_grid for every day instead of the library's (<c>--grid-factor</c>), or null.</param>
/// <param name="TceOverride">EF_tce for every day instead of the library's (<c>--tce-factor</c>), or null.</param>
public sealed record PipelineSettings(FactorLibrary Factors, string GridCalibre, Factor? GridOverride = null, Factor? TceOverride = null);

/// <summary>What one enterprise brings to one day.</summary>
/// <param name="Electricity">Its electricity meters' days (formula 1), empty when it has none.</param>
/// <param name="LastMonthReport">Its energy report of the month before the day (formula 3), or null.</param>
/// <param name="ReportsEnergy">True when the enterprise reports energy at all: a missing <paramref name="LastMonthReport"/> is then a notice.</param>
/// <param name="Stacks">Its CEMS stacks' days (formula 5), empty when it has none.</param>
public sealed record EnterpriseDayInputs(EnterpriseElectricity Electricity, MonthlyEnergyReport? LastMonthReport, bool ReportsEnergy, IReadOnlyList<CemsDay> Stacks);

/// <summary>The results of one enterprise day.</summary>
/// <param name="Results">One per model that ran, in model order.</param>
/// <param name="Notices">One sentence per model that was due and could not run, naming what is missing.</param>
/// <param name="RateFactors">The electricity factor (tCO2/MWh) each of <c>grid</c> and <c>enterprise_factor</c> used, for roll-up references.</param>
public sealed record EnterpriseDayOutcome(IReadOnlyList<EnterpriseDay> Results, IReadOnlyList<string> Notices, IReadOnlyDictionary<EstimationModel, Factor> RateFactors);

/// <summary>
/// Which models run for an enterprise on a day, with which notices — the one rule the service (<c>cedge-cloud run</c>
/// and <c>estimate --day</c>) and the offline <c>cedge-cloud estimate --readings</c> share (DESIGN.md "Estimation"):
/// <list type="bullet">
/// <item>with electricity meters of which at least one has a reading bearing on the day: <c>grid</c> (formula 2,
/// factor of <see cref="PipelineSettings.GridCalibre"/> or the override); <c>energy_ratio</c> (formula 3) with last
/// month's report; <c>enterprise_factor</c> (formula 4) with a derived factor for the day;</item>
/// <item>with meters none of which has a reading bearing on the day: nothing (a 0 kWh row would read as a measured
/// idle day; roll-ups count the day missing) and a notice;</item>
/// <item>with CEMS stacks: <c>cems</c> (formula 5), the day's kWh reported alongside.</item>
/// </list>
/// A model whose inputs are unusable (no factor, a report without electricity) is a notice, never a zero row.
/// </summary>
public static class EnterprisePipeline
{
    /// <summary>Runs the models due for one enterprise day.</summary>
    public static EnterpriseDayOutcome Run(EnterpriseDayInputs inputs, PipelineSettings settings)
    {
        var electricity = inputs.Electricity;
        var enterprise = electricity.Enterprise;
        var day = electricity.Day;
        var library = settings.Factors;
        var results = new List<EnterpriseDay>();
        var notices = new List<string>();
        var rates = new Dictionary<EstimationModel, Factor>();
        var meters = electricity.Meters;
        if (meters.Count > 0 && meters.All(m => m.Events.Any(e => e.Kind == EstimationEventKind.NoReadings)))
        {
            notices.Add($"{enterprise.Id} {day:yyyy-MM-dd}: no register reading bears on the day: not estimated");
        }
        else if (meters.Count > 0)
        {
            Run(EstimationModel.Grid, () =>
            {
                var grid = settings.GridOverride is { } g ? new FactorMatch(g, enterprise.Region, day) : library.ResolveGrid(enterprise.Region, day, settings.GridCalibre);
                rates[EstimationModel.Grid] = grid.Factor;
                return GridModel.Estimate(electricity, grid);
            }, settings.GridOverride is null ? "; give one with --grid-factor" : "");
            if (inputs.LastMonthReport is { } report)
            {
                Run(EstimationModel.EnergyRatio, () => EnergyRatioModel.Estimate(electricity, report, library,
                    settings.TceOverride is { } t ? new FactorMatch(t, enterprise.Region, day) : null), "");
            }
            else if (inputs.ReportsEnergy)
            {
                notices.Add($"{enterprise.Id} {day:yyyy-MM-dd}: energy_ratio not estimated: no energy report for {Period.MonthOf(day).PreviousMonth}");
            }
            if (library.Find(FactorKind.EnterpriseElectricityCarbon, enterprise.Id, null, enterprise.Region, day) is { } fe)
            {
                rates[EstimationModel.EnterpriseFactor] = fe.Factor;
                Run(EstimationModel.EnterpriseFactor, () => EnterpriseFactorModel.Estimate(electricity, fe), "");
            }
        }
        if (inputs.Stacks.Count > 0)
        {
            results.Add(CemsModel.Estimate(enterprise, day, inputs.Stacks, electricity.Kwh));
        }
        return new EnterpriseDayOutcome(results, notices, rates);

        void Run(EstimationModel model, Func<EnterpriseDay> estimate, string hint)
        {
            try
            {
                results.Add(estimate());
            }
            catch (Exception ex) when (ex is FactorNotFoundException or EstimationInputException or ArgumentException)
            {
                rates.Remove(model);
                notices.Add($"{enterprise.Id} {day:yyyy-MM-dd}: {WireName.Of(model)} not estimated: {ex.Message}{hint}");
            }
        }
    }
}
