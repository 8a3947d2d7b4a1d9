using CarbonEdge.Estimation.Account;

namespace CarbonEdge.Cloud.Registry;

/// <summary>A warning as the registry keeps it (T/ZJSEE energy-power monitoring guide §6.3.1.5).</summary>
/// <param name="Id">The <see cref="WarningKey.Id"/>.</param>
/// <param name="Subject"><c>enterprise</c> or <c>region</c>.</param>
/// <param name="SubjectId">Enterprise id or region code.</param>
/// <param name="Quantity"><c>tco2</c> or <c>tce</c>.</param>
/// <param name="Period">Month <c>YYYY-MM</c> or year <c>YYYY</c>.</param>
/// <param name="Rule"><c>used_80</c>, <c>used_100</c>, <c>forecast_exceeds</c>, ...</param>
/// <param name="State"><c>active</c> or <c>cleared</c>.</param>
/// <param name="Value">The compared value when last checked, tCO2 or tce.</param>
/// <param name="Limit">What it was compared with.</param>
/// <param name="Message">A sentence for people.</param>
/// <param name="RaisedAt">When it was raised.</param>
/// <param name="ClearedAt">When it was last cleared, or null.</param>
/// <param name="NotifiedAt">When the webhook accepted it, or null (not sent yet, or no webhook).</param>
internal sealed record WarningRecord(string Id, string Subject, string SubjectId, string Quantity, string Period, string Rule, string State,
    double Value, double Limit, string Message, DateTimeOffset RaisedAt, DateTimeOffset? ClearedAt, DateTimeOffset? NotifiedAt);
