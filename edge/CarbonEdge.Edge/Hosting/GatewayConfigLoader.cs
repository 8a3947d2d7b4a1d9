using CarbonEdge.Edge.Config;
using CarbonEdge.Edge.Hj212;
using CarbonEdge.Protocols.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CarbonEdge.Edge.Hosting;

/// <summary>
/// Reads a gateway config file (JSON: <c>gateway</c>, <c>mqtt</c>, <c>uplink</c>, <c>devices</c>) and checks all of it
/// before anything starts, so that a field engineer sees every mistake at once, each with where it is.
/// </summary>
internal static class GatewayConfigLoader
{
    /// <summary>The config and the list of problems (empty when usable). Relative <c>gateway.dataDir</c> is made absolute against the file's folder.</summary>
    public static (GatewayConfig Config, IReadOnlyList<string> Problems) Load(string path)
    {
        var problems = new List<string>();
        var config = new GatewayConfig();
        try
        {
            new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path), optional: false).Build().Bind(config);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or InvalidOperationException or IOException)
        {
            return (config, [$"{path}: {ex.Message}"]);
        }
        Check(config.Gateway, "gateway", problems);
        Check(config.Mqtt, "mqtt", problems);
        Check(config.Uplink, "uplink", problems);
        Check(config.Buffer, "buffer", problems);
        Check(config.Health, "health", problems);
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        config.Mqtt.CaFile = Resolve(folder, config.Mqtt.CaFile);
        config.Mqtt.CertFile = Resolve(folder, config.Mqtt.CertFile);
        config.Mqtt.KeyFile = Resolve(folder, config.Mqtt.KeyFile);
        problems.AddRange(GatewayHost.BrokerSettings(config).Problems("mqtt"));
        if (config.Devices.Count == 0 && config.Hj212 is null) problems.Add("devices: no devices configured (and no hj212 input)");
        if (config.Hj212 is { } hj212)
        {
            Check(hj212, "hj212", problems);
            for (int i = 0; i < hj212.Stations.Count; i++) Check(hj212.Stations[i], $"hj212.stations[{i}]", problems);
            problems.AddRange(Hj212InputService.Check(hj212));
        }
        for (int i = 0; i < config.SerialBuses.Count; i++) Check(config.SerialBuses[i], $"serialBuses[{i}] ({config.SerialBuses[i].Name})", problems);
        foreach (var duplicate in config.SerialBuses.GroupBy(b => b.Name).Where(g => g.Count() > 1))
            problems.Add($"serialBuses: name '{duplicate.Key}' used {duplicate.Count()} times");
        foreach (var device in config.Devices.Where(d => d.Bus is not null && config.SerialBuses.All(b => b.Name != d.Bus)))
            problems.Add($"devices ({device.Id}): bus '{device.Bus}' is not in serialBuses");
        foreach (var duplicate in config.Devices.GroupBy(d => d.Id).Where(g => g.Count() > 1))
            problems.Add($"devices: id '{duplicate.Key}' used {duplicate.Count()} times");
        for (int i = 0; i < config.Devices.Count; i++)
        {
            var device = config.Devices[i];
            string where = $"devices[{i}] ({device.Id})";
            Check(device, where, problems);
            if (device.Modbus is { } modbus) Check(modbus, $"{where}.modbus", problems);
            if (device.Dlt645 is { } dlt645) Check(dlt645, $"{where}.dlt645", problems);
            for (int j = 0; j < device.Points.Count; j++)
            {
                var point = device.Points[j];
                Check(point, $"{where}.points[{j}]", problems);
                if (!Points.TryGet(point.Point, out _))
                    problems.Add($"{where}.points[{j}]: '{point.Point}' is not a point of the telemetry contract (e.g. energy.active.import, power.active)");
            }
        }
        config.Gateway.DataDir = Path.GetFullPath(Path.Combine(folder, config.Gateway.DataDir));
        return (config, problems);
    }

    /// <summary>A file named in the config, made absolute against the config file's folder.</summary>
    private static string? Resolve(string folder, string? file) => file is null ? null : Path.GetFullPath(Path.Combine(folder, file));

    private static readonly GatewayConfigValidator Validator = new();

    /// <summary>
    /// Adds each attribute the section breaks as <c>where.member: message</c>. The generated validator reports
    /// <c>Member: The field where.Member ...</c> (its display name is the name passed, a dot and the member); the
    /// member's own name is put back in the message, so it reads as the attribute's message does.
    /// </summary>
    private static void Check<T>(T section, string where, List<string> problems) where T : class
    {
        var result = ((IValidateOptions<T>)(object)Validator).Validate(where, section);
        if (!result.Failed) return;
        foreach (string failure in result.Failures)
        {
            int colon = failure.IndexOf(": ", StringComparison.Ordinal);
            if (colon < 0)
            {
                problems.Add($"{where}: {failure}");
                continue;
            }
            string member = failure[..colon];
            string message = failure[(colon + 2)..].Replace($"{where}.{member}", member, StringComparison.Ordinal);
            problems.Add($"{where}.{string.Join(",", member.Split(", ").Select(Camel))}: {message}");
        }
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
