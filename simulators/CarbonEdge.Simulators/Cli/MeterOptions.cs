using System.CommandLine;
using CarbonEdge.Simulators.Meters;
using CarbonEdge.Simulators.Profiles;

namespace CarbonEdge.Simulators.Cli;

/// <summary>The options that shape a simulated meter, shared by <c>meter</c> (live) and <c>history</c> (backfill).</summary>
internal sealed class MeterOptions
{
    public Option<FileInfo> Profile { get; } = new("--profile") { Description = "Load profile CSV (default: the shipped steel-plant year, data/load-profiles/steel-industry-15min.csv)" };
    public Option<double> Scale { get; } = new("--scale") { Description = "Multiply the profile's power and energy (default 1)", DefaultValueFactory = _ => 1.0 };
    public Option<int> DayOffset { get; } = new("--day-offset") { Description = "Shift the profile by N days, so meters of one plant differ (default 0)" };
    public Option<double> RegisterBase { get; } = new("--register-base") { Description = "Energy register at 2025-01-01 local, kWh (default 0)" };
    public Option<double?> Rollover { get; } = new("--rollover") { Description = "Register maximum before it wraps to 0, kWh (e.g. 999999.99); default none" };
    public Option<string> Zone { get; } = new("--zone") { Description = "Time zone of the plant (default Asia/Shanghai)", DefaultValueFactory = _ => "Asia/Shanghai" };

    public void AddTo(Command command)
    {
        command.Options.Add(Profile);
        command.Options.Add(Scale);
        command.Options.Add(DayOffset);
        command.Options.Add(RegisterBase);
        command.Options.Add(Rollover);
        command.Options.Add(Zone);
    }

    public MeterSettings Settings(ParseResult result) => new(result.GetValue(Scale), result.GetValue(DayOffset),
        result.GetValue(RegisterBase), result.GetValue(Rollover), result.GetValue(Zone)!);

    public LoadProfile LoadProfile(ParseResult result) =>
        Profiles.LoadProfile.Load(result.GetValue(Profile)?.FullName ?? Profiles.LoadProfile.DefaultPath);
}
