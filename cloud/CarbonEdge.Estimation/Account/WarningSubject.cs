using System.Text.Json.Serialization;

namespace CarbonEdge.Estimation.Account;

/// <summary>Who a warning is about (T/ZJSEE energy-power monitoring guide §6.3.1.5 a and d).</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<WarningSubject>))]
public enum WarningSubject
{
    /// <summary>An enterprise against its budget (§6.3.1.5 d).</summary>
    Enterprise,
    /// <summary>A GB/T 2260 region against its target (§6.3.1.5 a).</summary>
    Region,
}
