using System.Globalization;
using System.Text;

namespace CarbonEdge.IntegrationTests.Chaos;

/// <summary>
/// One series (a meter's <c>energy.active.import</c>) at the end of a chaos run: what the meter served against what
/// InfluxDB holds. More stored than served is a duplicate; fewer is either uncommitted (at most one poll in flight per
/// gateway SIGKILL: answered by the meter, not yet in the buffer when the process died) or lost (anything beyond).
/// </summary>
internal sealed record SeriesTally(string Device, long Served, long Stored, int GatewayKills)
{
    public long Duplicated => Math.Max(0, Stored - Served);

    public long Uncommitted => Math.Min(Math.Max(0, Served - Stored), GatewayKills);

    public long Lost => Math.Max(0, Served - Stored - GatewayKills);

    /// <summary>A plain-text table of the series and a total line.</summary>
    public static string Table(IReadOnlyList<SeriesTally> tallies)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"series (device, energy.active.import)",-40} {"served",8} {"stored",8} {"duplicated",10} {"uncommitted",11} {"lost",6}");
        foreach (var t in tallies)
            text.AppendLine(CultureInfo.InvariantCulture, $"{t.Device,-40} {t.Served,8} {t.Stored,8} {t.Duplicated,10} {t.Uncommitted,11} {t.Lost,6}");
        text.Append(CultureInfo.InvariantCulture, $"{$"total ({tallies.Count} series)",-40} {tallies.Sum(t => t.Served),8} {tallies.Sum(t => t.Stored),8} "
            + $"{tallies.Sum(t => t.Duplicated),10} {tallies.Sum(t => t.Uncommitted),11} {tallies.Sum(t => t.Lost),6}");
        return text.ToString();
    }
}
