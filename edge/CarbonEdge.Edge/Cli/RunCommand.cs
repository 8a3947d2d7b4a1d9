using System.CommandLine;
using CarbonEdge.Edge.Devices;
using CarbonEdge.Edge.Hosting;
using Microsoft.Extensions.Hosting;

namespace CarbonEdge.Edge.Cli;

/// <summary><c>cedge run --config FILE</c>: the gateway: poll devices, buffer, publish telemetry.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "Gateway config file (JSON): gateway, mqtt, uplink, devices (docs/gateway.md)", Required = true };
        var command = new Command("run", "Run the gateway: poll the configured devices, buffer readings in SQLite, publish them over MQTT") { config };
        command.SetAction(async (result, cancellationToken) =>
        {
            var file = result.GetValue(config)!;
            if (!file.Exists)
            {
                Console.Error.WriteLine($"error: config file {file.FullName} not found (docs/gateway.md shows one)");
                return 2;
            }
            var (gateway, problems) = GatewayConfigLoader.Load(file.FullName);
            if (problems.Count > 0)
            {
                Console.Error.WriteLine($"error: {file.Name} has {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:");
                foreach (string problem in problems) Console.Error.WriteLine($"  - {problem}");
                return 2;
            }
            IHost host;
            try
            {
                host = GatewayHost.Build(gateway);
            }
            catch (DeviceConfigException ex)
            {
                Console.Error.WriteLine($"error: {file.Name}: {ex.Message}");
                return 2;
            }
            using (host)
            {
                Console.WriteLine($"cedge gateway {gateway.Gateway.Site}/{gateway.Gateway.Id}: {gateway.Devices.Count} devices, broker {gateway.Mqtt.Url}, buffer {gateway.Gateway.DataDir}");
                await host.RunAsync(cancellationToken);
            }
            return 0;
        });
        return command;
    }
}
