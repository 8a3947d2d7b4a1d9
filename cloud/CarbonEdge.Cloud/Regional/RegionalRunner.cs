using System.Collections.Concurrent;
using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Influx;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Factors;
using CarbonEdge.Estimation.Regional;
using CarbonEdge.Estimation.Regions;
using Microsoft.Extensions.Logging;

namespace CarbonEdge.Cloud.Regional;

/// <summary>The summary of the latest run of a province: its checks and Table 1 indicators.</summary>
/// <param name="Province">The province run.</param>
/// <param name="RanAt">When, UTC.</param>
/// <param name="From">First day computed.</param>
/// <param name="To">Last day computed.</param>
/// <param name="Run">The run (results, checks, missing inputs, anomalies, interpolations).</param>
/// <param name="Indicators">Table 1 indicators of the run.</param>
internal sealed record RegionalRunSummary(RegionCode Province, DateTimeOffset RanAt, DateOnly From, DateOnly To, RegionalRunResult Run, IReadOnlyList<RegionalIndicator> Indicators);

/// <summary>
/// Runs the region models in the service: the imported statistics and electricity of a province (<see cref="RegionalStore"/>)
/// plus the electricity of its metered enterprises (<c>carbon_daily</c> grid rows summed by their region, domain from the
/// GB/T 4754 industry, and industry tags; a key the imported electricity has wins, so nothing is counted twice), over
/// whole years; writes every level's results to <c>carbon_region</c> (a re-run overwrites) and keeps the run's checks
/// and indicators for the API. Imports call it for the years they touch, so late inputs are recomputed.
/// </summary>
internal sealed partial class RegionalRunner(RegionalStore store, InfluxQueryClient influx, InfluxWriter writer, EstimationOptions options,
    FactorLibrary factors, TimeProvider time, ILogger<RegionalRunner> logger)
{
    private readonly ConcurrentDictionary<RegionCode, RegionalRunSummary> _latest = new();
    private readonly ConcurrentDictionary<RegionCode, (long Read, long Accepted)> _lines = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The latest run of the province holding <paramref name="region"/>, or null.</summary>
    public RegionalRunSummary? Latest(RegionCode region) => _latest.GetValueOrDefault(region.Province);

    /// <summary>Counts an import's lines towards the validation success rate of the provinces it names.</summary>
    private void CountImport(IEnumerable<RegionCode> provinces, long read, long accepted)
    {
        foreach (var province in provinces.Distinct())
        {
            _lines.AddOrUpdate(province, (read, accepted), (_, c) => (c.Read + read, c.Accepted + accepted));
        }
    }

    /// <summary>
    /// Counts an import's lines (validation success rate), and when it was imported saves its lines and recomputes the
    /// provinces and years they touch (a month's statistics also the next month's days, so December's the next year).
    /// </summary>
    /// <returns>The runs made, <c>PROVINCE FIRST..LAST</c> each.</returns>
    /// <exception cref="InfluxQueryException">Metered electricity could not be read.</exception>
    /// <exception cref="InfluxWriteException">Results could not be written.</exception>
    public async Task<IReadOnlyList<string>> ImportAsync(RegionalImport import, CancellationToken cancellationToken)
    {
        var provinces = import.Statistics.Select(s => s.Region.Province).Concat(import.Electricity.Select(e => e.Region.Province)).Distinct().ToList();
        CountImport(provinces, import.Rows, import.Imported ? import.Statistics.Count + import.Electricity.Count : 0);
        if (!import.Imported)
        {
            return [];
        }
        store.Save(import.Statistics, import.Electricity);
        var runs = new List<string>();
        foreach (var province in provinces)
        {
            var statistics = import.Statistics.Where(s => s.Region.Province == province).ToList();
            var years = statistics.Select(s => s.Period.First.Year).Concat(import.Electricity.Where(e => e.Region.Province == province).Select(e => e.Day.Year)).ToList();
            var last = statistics.Any(s => s.Period.Last.Month == 12 && s.Period.Last.Year == years.Max()) ? years.Max() + 1 : years.Max();
            await RunAsync(province, years.Min(), last, cancellationToken).ConfigureAwait(false);
            runs.Add($"{province} {years.Min()}..{last}");
        }
        return runs;
    }

    /// <summary>Recomputes the years of every province that has imported region inputs (metered electricity of those years changed).</summary>
    /// <exception cref="InfluxQueryException">Metered electricity could not be read.</exception>
    /// <exception cref="InfluxWriteException">Results could not be written.</exception>
    public async Task RecomputeAsync(int firstYear, int lastYear, CancellationToken cancellationToken)
    {
        foreach (var province in store.Provinces())
        {
            await RunAsync(province, firstYear, lastYear, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs every year from <paramref name="firstYear"/> to <paramref name="lastYear"/> for <paramref name="province"/> and writes the results.</summary>
    /// <exception cref="InfluxQueryException">Metered electricity could not be read.</exception>
    /// <exception cref="InfluxWriteException">Results could not be written.</exception>
    public async Task<RegionalRunSummary> RunAsync(RegionCode province, int firstYear, int lastYear, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var zone = options.TimeZone;
            var from = new DateOnly(firstYear, 1, 1);
            var to = new DateOnly(lastYear, 12, 31);
            var electricity = store.Electricity(province);
            var imported = electricity.Select(e => (e.Region, e.Domain, e.Industry, e.Day)).ToHashSet();
            var importedDomainTotals = electricity.Where(e => e.Industry.Length == 0).Select(e => (e.Region, e.Domain, e.Day)).ToHashSet();
            foreach (var metered in await MeteredAsync(province, from, to, zone, cancellationToken).ConfigureAwait(false))
            {
                if (!imported.Contains((metered.Region, metered.Domain, metered.Industry, metered.Day)) && !importedDomainTotals.Contains((metered.Region, metered.Domain, metered.Day)))
                {
                    electricity.Add(metered);
                }
            }
            var run = RegionalAccounting.Run(store.Statistics(province), electricity, new RegionalRequest(RegionLevel.Province, from, to), factors);
            var points = run.Results.Select(r => CarbonRegionPoints.From(r, zone)).ToList();
            for (var i = 0; i < points.Count; i += 5000)
            {
                var result = await writer.WriteAsync(points.GetRange(i, Math.Min(5000, points.Count - i)), cancellationToken).ConfigureAwait(false);
                if (result.Rejected.Count > 0)
                {
                    throw new InfluxWriteException($"InfluxDB refused {result.Rejected.Count} carbon_region points: {result.Rejected[0].Error}", transient: false);
                }
            }
            var (read, accepted) = _lines.GetValueOrDefault(province);
            var summary = new RegionalRunSummary(province, time.GetUtcNow(), from, to, run, RegionalIndicators.Of(run, read, accepted));
            _latest[province] = summary;
            LogRun(logger, province.Value, firstYear, lastYear, run.Results.Count, run.Results.Count(r => !r.Consistent), run.Missing.Count);
            return summary;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The metered enterprises' daily kWh under the province (grid rows of <c>carbon_daily</c>), by region, domain, industry and day.</summary>
    private async Task<List<ElectricityRecord>> MeteredAsync(RegionCode province, DateOnly from, DateOnly to, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        string query = $"SELECT kwh FROM carbon_daily WHERE method = 'grid' AND region =~ /^{province.Value[..2]}/ " +
                       $"AND time >= {InfluxQl.Time(LocalDay.UtcBounds(from, zone).Start)} AND time < {InfluxQl.Time(LocalDay.UtcBounds(to, zone).End)} GROUP BY region, industry";
        var sums = new Dictionary<(RegionCode, RegionalDomain, string, DateOnly), double>();
        await foreach (var series in influx.StreamAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if (!RegionCode.TryParse(series.Tags.GetValueOrDefault("region"), out var region) || RegionalDomains.OfIndustry(series.Tags.GetValueOrDefault("industry", "")) is not { } domain)
            {
                continue;
            }
            var industry = series.Tags.GetValueOrDefault("industry", "");
            foreach (var v in series.Values)
            {
                var key = (region, domain, industry, LocalDay.Of(DateTimeOffset.FromUnixTimeMilliseconds((long)v[0]!), zone));
                sums[key] = sums.GetValueOrDefault(key) + (v[1] as double? ?? 0);
            }
        }
        return [.. sums.Select(s => new ElectricityRecord(s.Key.Item1, s.Key.Item2, s.Key.Item3, s.Key.Item4, s.Value))];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Region run {Province} {FirstYear}..{LastYear}: {Rows} carbon_region rows ({Inconsistent} not consistent), {Missing} missing inputs")]
    static partial void LogRun(ILogger logger, string province, int firstYear, int lastYear, int rows, int inconsistent, int missing);
}
