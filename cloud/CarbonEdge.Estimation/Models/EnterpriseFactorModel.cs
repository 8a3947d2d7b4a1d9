using System.Globalization;
using CarbonEdge.Estimation.Factors;

namespace CarbonEdge.Estimation.Models;

/// <summary>How far the daily estimates of a year land from the enterprise's verified annual figure.</summary>
/// <param name="FactorVersion">The enterprise factor checked.</param>
/// <param name="VerifiedTco2">Verified annual emissions, tCO2.</param>
/// <param name="EstimatedTco2">Sum of the daily estimates of that year, tCO2.</param>
/// <param name="ReportedMwh">The annual electricity the factor was derived from, MWh.</param>
/// <param name="MeteredMwh">Sum of the daily metered electricity of that year, MWh.</param>
/// <param name="Days">Days with an estimate (of 365 or 366).</param>
/// <param name="DaysInYear">Days of the year.</param>
public sealed record EnterpriseFactorCalibration(
    string FactorVersion, double VerifiedTco2, double EstimatedTco2, double ReportedMwh, double MeteredMwh, int Days, int DaysInYear)
{
    /// <summary>(estimated - verified) / verified.</summary>
    public double RelativeDeviation => (EstimatedTco2 - VerifiedTco2) / VerifiedTco2;

    /// <summary>True when every day of the year has an estimate and |deviation| is within <paramref name="tolerance"/> (default 0.5 %, DESIGN.md roll-up tolerance).</summary>
    public bool WithinTolerance(double tolerance = Rollups.Consistency.Tolerance) =>
        Days == DaysInYear && Math.Abs(RelativeDeviation) <= tolerance;
}

/// <summary>
/// Enterprise electricity-carbon factor (DESIGN.md formula 4): <c>f_e [tCO2/MWh] = verified annual tCO2 / annual MWh</c>
/// of that enterprise; <c>tCO2 = E_d [MWh] x f_e</c>. Covers the enterprise's verified scope (scopes 1 and 2), so its
/// results carry scope <c>1+2</c>. Calibration sums a year's daily estimates back against the verified figure.
/// </summary>
public static class EnterpriseFactorModel
{
    /// <summary>Derives f_e from a verified annual report, as a library factor valid for that year (<c>enterprise.ID.YEAR</c>, status derived).</summary>
    /// <param name="enterprise">The enterprise (its region becomes the factor's).</param>
    /// <param name="year">The reporting year.</param>
    /// <param name="verifiedTco2">Verified annual emissions, tCO2.</param>
    /// <param name="annualMwh">The enterprise's electricity in that year, MWh.</param>
    /// <param name="document">The verification report, e.g. "2025 GHG emission verification report, verifier X".</param>
    /// <exception cref="ArgumentException">Non-positive or non-finite figures.</exception>
    public static Factor Derive(EnterpriseInfo enterprise, int year, double verifiedTco2, double annualMwh, string document)
    {
        if (!double.IsFinite(verifiedTco2) || verifiedTco2 <= 0 || !double.IsFinite(annualMwh) || annualMwh <= 0)
        {
            throw new ArgumentException($"{enterprise.Id} {year}: verified tCO2 ({verifiedTco2}) and annual MWh ({annualMwh}) must be positive");
        }
        var ci = CultureInfo.InvariantCulture;
        return new Factor($"enterprise.{enterprise.Id}.{year}", 1, FactorKind.EnterpriseElectricityCarbon, enterprise.Id, null,
            enterprise.Region, enterprise.Id, verifiedTco2 / annualMwh, "tCO2/MWh",
            new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), FactorStatus.Derived,
            new FactorSource(document, "DESIGN.md formula 4: f_e = verified annual tCO2 / annual MWh", []),
            string.Create(ci, $"f_e = {verifiedTco2} tCO2 / {annualMwh} MWh"));
    }

    /// <summary>The enterprise's factor for a day from the library (latest valid, or the newest earlier year with a caveat).</summary>
    /// <exception cref="EstimationInputException">No enterprise factor for the enterprise up to the day.</exception>
    public static FactorMatch Resolve(FactorLibrary factors, EnterpriseInfo enterprise, DateOnly day) =>
        factors.Find(FactorKind.EnterpriseElectricityCarbon, enterprise.Id, null, enterprise.Region, day)
        ?? throw new EstimationInputException($"{enterprise.Id}: no enterprise electricity-carbon factor up to {day:yyyy-MM-dd}");

    /// <summary>tCO2 = E_d [MWh] x f_e for an enterprise's day.</summary>
    /// <exception cref="ArgumentException">The factor is not the enterprise's, or not in tCO2/MWh.</exception>
    public static EnterpriseDay Estimate(EnterpriseElectricity electricity, FactorMatch enterpriseFactor)
    {
        var f = enterpriseFactor.Factor;
        if (f.Kind != FactorKind.EnterpriseElectricityCarbon || f.Subject != electricity.Enterprise.Id)
        {
            throw new ArgumentException($"{f.VersionId} is not the electricity-carbon factor of {electricity.Enterprise.Id}");
        }
        var events = new List<EstimationEvent>(electricity.Events);
        events.AddRange(enterpriseFactor.CaveatEvents());
        return new EnterpriseDay(electricity.Enterprise, electricity.Day, EstimationModel.EnterpriseFactor, "1+2",
            electricity.Kwh, electricity.Kwh / 1000 * Units.TonnesCo2PerMwh(f), electricity.Completeness,
            electricity.Estimated, electricity.GapFill, [f.VersionId], events);
    }

    /// <summary>Compares a year's daily estimates made with <paramref name="enterpriseFactor"/> against the verified annual tCO2.</summary>
    /// <param name="enterpriseFactor">The factor derived for the year.</param>
    /// <param name="verifiedTco2">The verified annual emissions, tCO2.</param>
    /// <param name="reportedMwh">The annual electricity the factor was derived from, MWh.</param>
    /// <param name="days">Daily results of the enterprise-factor model; only those of the factor's year and version count.</param>
    public static EnterpriseFactorCalibration Calibrate(Factor enterpriseFactor, double verifiedTco2, double reportedMwh, IEnumerable<EnterpriseDay> days)
    {
        var year = enterpriseFactor.ValidFrom?.Year ?? throw new ArgumentException($"{enterpriseFactor.VersionId} has no year");
        var ofYear = days.Where(d => d.Model == EstimationModel.EnterpriseFactor && d.Day.Year == year
                                     && d.FactorVersions.Contains(enterpriseFactor.VersionId))
            .DistinctBy(d => d.Day).ToList();
        return new EnterpriseFactorCalibration(enterpriseFactor.VersionId, verifiedTco2, ofYear.Sum(d => d.Tco2), reportedMwh,
            ofYear.Sum(d => d.Kwh) / 1000, ofYear.Count, DateTime.IsLeapYear(year) ? 366 : 365);
    }
}
