using System.Globalization;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Simulators.Meters;

namespace CarbonEdge.Simulators.History;

/// <summary>
/// A meter of a backfill, written <c>DEVICE[:key=value,...]</c> with the keys of the <c>meter</c> command:
/// <c>scale</c>, <c>day-offset</c>, <c>register-base</c>, <c>rollover</c>; e.g. <c>m-102:scale=0.6,day-offset=91</c>.
/// </summary>
/// <param name="Device">Device id.</param>
/// <param name="Settings">How it replays the profile (zone set by the caller).</param>
internal sealed record MeterSpec(string Device, MeterSettings Settings)
{
    /// <summary>Parses a spec.</summary>
    /// <exception cref="FormatException">Names the part that is wrong.</exception>
    public static MeterSpec Parse(string text, string zone)
    {
        string[] parts = text.Split(':', 2);
        if (!TelemetryTopics.IsValidId(parts[0])) throw new FormatException($"meter '{text}': device id must match [a-z0-9-]{{1,64}}");
        var settings = new MeterSettings(Zone: zone);
        if (parts.Length == 2)
        {
            foreach (string pair in parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] kv = pair.Split('=', 2);
                if (kv.Length != 2 || !double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                    throw new FormatException($"meter '{text}': '{pair}' is not key=number");
                settings = kv[0] switch
                {
                    "scale" => settings with { Scale = value },
                    "day-offset" => settings with { DayOffset = (int)value },
                    "register-base" => settings with { RegisterBaseKwh = value },
                    "rollover" => settings with { RolloverKwh = value },
                    _ => throw new FormatException($"meter '{text}': unknown key '{kv[0]}' (scale, day-offset, register-base, rollover)"),
                };
            }
        }
        return new MeterSpec(parts[0], settings);
    }
}
