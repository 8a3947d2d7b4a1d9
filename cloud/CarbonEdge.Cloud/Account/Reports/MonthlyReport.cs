using CarbonEdge.Cloud.Registry;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Account;
using CarbonEdge.Estimation.Factors;
using EstimationEvent = CarbonEdge.Estimation.EstimationEvent;
using EnterpriseDay = CarbonEdge.Estimation.Models.EnterpriseDay;

namespace CarbonEdge.Cloud.Account.Reports;

/// <summary>
/// An enterprise's monthly emissions report (T/CEPPC 14-2023 §6.2.2 a: 碳排放核算报告自动生成): what it is built
/// from, rendered by <see cref="ReportHtml"/> and <see cref="ReportCsv"/>.
/// </summary>
/// <param name="Enterprise">The enterprise.</param>
/// <param name="Sites">Its sites.</param>
/// <param name="Meters">Its devices.</param>
/// <param name="Month">The month.</param>
/// <param name="Zone">IANA zone of the local days.</param>
/// <param name="GeneratedAt">When the report was made.</param>
/// <param name="Rows">The stored daily results of the month (<c>carbon_daily</c>), every method and scope.</param>
/// <param name="Days">Account days (grid kWh, grid + CEMS tCO2, tce).</param>
/// <param name="Factors">The factors the rows cite, and the electricity standard-coal coefficient.</param>
/// <param name="GapFill">The configured gap-fill method (the stored rows do not carry the method per day).</param>
/// <param name="Events">Meter and factor events found when the month's days are recomputed from the readings.</param>
/// <param name="EventsNote">Why events are missing or partial, or null.</param>
/// <param name="Grade">The month's carbon-efficiency code.</param>
/// <param name="Scheme">The grade bands.</param>
/// <param name="Budgets">The budgets' positions at the month's end (or the last measured day).</param>
internal sealed record MonthlyReport(EnterpriseInfo Enterprise, IReadOnlyList<SiteInfo> Sites, IReadOnlyList<DeviceInfo> Meters, Period Month,
    string Zone, DateTimeOffset GeneratedAt, IReadOnlyList<EnterpriseDay> Rows, IReadOnlyList<AccountDay> Days, IReadOnlyList<Factor> Factors,
    string GapFill, IReadOnlyList<(DateOnly Day, EstimationEvent Event)> Events, string? EventsNote, EfficiencyGrade Grade, GradeScheme Scheme,
    IReadOnlyList<BudgetStatus> Budgets)
{
    /// <summary>True when any result is stored for the month.</summary>
    public bool HasData => Rows.Count > 0;

    /// <summary>The sentence a report without data carries instead of zeros.</summary>
    public string NoDataText => $"No emission results are stored for {Enterprise.Id} in {Month}: nothing was measured or estimated for this month, so no totals are given.";

    /// <summary>The formulas used, with their sources.</summary>
    public static IReadOnlyList<(string Name, string Formula, string Source)> Formulas { get; } =
    [
        ("daily electricity", "E_d = (R(d+1 00:00) - R(d 00:00)) x multiplier; boundaries interpolated between good readings within the window; rollover unwrapped",
            "DESIGN.md formula 1; T/CES carbon statistics §7 (interpolation)"),
        ("scope 2 (grid)", "tCO2 = E_d [MWh] x EF_grid [tCO2/MWh]", "DESIGN.md formula 2; T/ZJSEE energy-power monitoring guide Appendix A"),
        ("energy ratio", "F_k,d = E_d x F_k,lastMonth / E_lastMonth; tCO2 = Sum_k F_k,d x c_k x EF_tce", "DESIGN.md formula 3; T/CES carbon statistics §5; GB/T 2589"),
        ("enterprise factor", "f_e = verified tCO2 / MWh; tCO2 = E_d x f_e", "DESIGN.md formula 4; T/CEPPC 14-2023 §6.4"),
        ("CEMS (scope 1)", "mass = C_CO2/100 x Q_sn x 1.9768 kg/m3 x dt, Q_sn dry standard flow", "DESIGN.md formula 5"),
        ("energy", "tce = kWh x c_electricity [kgce/kWh] / 1000", "GB/T 2589 Annex A (electricity, equivalent value)"),
        ("carbon efficiency", "L = tCO2 / value added [10^4 CNY]; K = L / L_industry; grade by the bands of K", "T/ZJSEE energy-power monitoring guide §6.3.1.3 d-e, §6.4.2.3; T/CEPPC 14-2023 §6.2.1"),
        ("budget", "month allocation by days, last year's profile or by hand; used % = used / allocation x 100", "T/ZJSEE energy-power monitoring guide §6.3.2.2"),
        ("forecast", "each remaining day = median of the same weekday over the last 4 weeks", "T/ZJSEE energy-power monitoring guide §6.3.1.4 e; T/CES carbon statistics §4.4"),
    ];
}
