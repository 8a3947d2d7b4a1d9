using System.Globalization;
using System.Text.Json;
using Azure.Messaging.EventHubs;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Models;

namespace CarbonEdge.Cloud.Export;

/// <summary>
/// The Event Hubs event of one daily result, the same row as <c>carbon_daily</c> (DESIGN.md "InfluxDB schema"): JSON
/// <c>{"schema","enterprise","region","industry","day","dayStart","method","scope","kwh","tco2","completeness","estimated","factorVersion"}</c>
/// (kwh in kWh, tco2 in tCO2, completeness in [0, 1], <c>dayStart</c> the local midnight as UTC ISO 8601). An
/// enterprise-day spans all its sites and devices, so its application properties are <c>schema</c>,
/// <c>enterprise</c> and <c>method</c> in place of a reading's <c>site</c> and <c>device</c>. Re-estimating a day sends
/// its rows again: consumers keep the last event per enterprise, day, method and scope, as InfluxDB does.
/// </summary>
internal static class DailyResultEvents
{
    /// <summary>The <c>schema</c> property of a daily result event.</summary>
    public const string Schema = "carbonedge.daily.v1";

    /// <summary>The event of <paramref name="result"/>, its day's start taken in <paramref name="zone"/>.</summary>
    public static EventData Event(EnterpriseDay result, TimeZoneInfo zone)
    {
        string method = WireName.Of(result.Model);
        var body = new System.Buffers.ArrayBufferWriter<byte>(384);
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            json.WriteString("enterprise", result.Enterprise.Id);
            json.WriteString("region", result.Enterprise.Region);
            json.WriteString("industry", result.Enterprise.Industry);
            json.WriteString("day", result.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("dayStart", LocalDay.UtcBounds(result.Day, zone).Start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            json.WriteString("method", method);
            json.WriteString("scope", result.Scope);
            json.WriteNumber("kwh", result.Kwh);
            json.WriteNumber("tco2", result.Tco2);
            json.WriteNumber("completeness", result.Completeness);
            json.WriteBoolean("estimated", result.Estimated);
            json.WriteString("factorVersion", result.FactorVersion);
            json.WriteEndObject();
        }
        var data = new EventData(body.WrittenMemory.ToArray()) { ContentType = "application/json" };
        data.Properties["schema"] = Schema;
        data.Properties["enterprise"] = result.Enterprise.Id;
        data.Properties["method"] = method;
        return data;
    }
}
