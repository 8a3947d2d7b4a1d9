using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using CarbonEdge.Protocols.Modbus;
using CarbonEdge.Simulators.Fleet;
using CarbonEdge.Simulators.Meters;

namespace CarbonEdge.Simulators.Cli;

/// <summary>
/// <c>cedge-sim fleet --devices N --listen-base PORT [--host 127.0.0.1] [--speed X] [--served FILE]</c>: N load-driven
/// Modbus TCP meters (the meter map of docs/simulated-meter.md, unit id 1) on ports PORT..PORT+N-1 from one process
/// (<see cref="FleetPlan"/>), with a status line every 10 s; on Ctrl-C or SIGTERM it prints, and with --served writes,
/// the energy readings served per meter (CSV <c>device,port,energy_reads</c>).
/// <c>cedge-sim fleet config --devices N --listen-base PORT [--broker URL ...] [--out FILE]</c> writes the gateway config
/// that polls the same fleet.
/// </summary>
internal static class FleetCommand
{
    private static readonly Option<int> Devices = new("--devices") { Description = "How many meters (1-5000)", Required = true };
    private static readonly Option<int> ListenBase = new("--listen-base") { Description = "TCP port of the first meter; meter i answers on PORT+i", Required = true };
    private static readonly Option<string> Host = new("--host") { Description = "Address the meters answer on (default 127.0.0.1)", DefaultValueFactory = _ => "127.0.0.1" };

    public static Command Create()
    {
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per real second (default 1)", DefaultValueFactory = _ => 1.0 };
        var served = new Option<FileInfo?>("--served") { Description = "On exit, write the energy readings served per meter to this CSV file" };
        var meterOptions = new MeterOptions();
        var fleet = new Command("fleet", "Serve N simulated Modbus TCP meters from one process (for tests and benchmarks)") { Devices, ListenBase, Host, speed, served };
        fleet.Options.Add(meterOptions.Profile);
        fleet.Subcommands.Add(CreateConfig());
        fleet.SetAction(async (result, cancellationToken) =>
        {
            IReadOnlyList<FleetMeter> plan;
            IPAddress? host;
            Profiles.LoadProfile profile;
            try
            {
                plan = FleetPlan.Create(result.GetValue(Devices), result.GetValue(ListenBase));
                if (!IPAddress.TryParse(result.GetValue(Host), out host)) throw new ArgumentException($"--host '{result.GetValue(Host)}' is not an IP address");
                profile = meterOptions.LoadProfile(result);
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or InvalidDataException)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 2;
            }
            var clock = new SimulationClock(TimeProvider.System, result.GetValue(speed));
            FleetServer server;
            try
            {
                server = await FleetServer.StartAsync(plan, host, profile, clock);
            }
            catch (ModbusConnectionException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}; is another fleet or program on those ports? Try another --listen-base");
                return 1;
            }
            await using (server)
            {
                Console.WriteLine($"fleet of {plan.Count} meters serving Modbus TCP on {host}:{plan[0].Port}-{plan[^1].Port} (unit 1, speed {clock.Speed}x); Ctrl-C stops");
                try
                {
                    while (true)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Now:yyyy-MM-dd HH:mm:ss}Z  requests {server.Requests}  register reads {server.Reads}"));
                    }
                }
                catch (OperationCanceledException)
                {
                }
                await server.DisposeAsync(); // no answer after the count below
                long energy = plan.Sum(server.EnergyReads);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stopped: {server.Requests} requests, {energy} energy readings served"));
                if (result.GetValue(served) is { } file)
                {
                    await File.WriteAllLinesAsync(file.FullName, ["device,port,energy_reads", .. plan.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Id},{m.Port},{server.EnergyReads(m)}"))], CancellationToken.None);
                }
            }
            return 0;
        });
        return fleet;
    }

    private static Command CreateConfig()
    {
        var site = new Option<string>("--site") { Description = "Site id (default plant-01)", DefaultValueFactory = _ => "plant-01" };
        var gateway = new Option<string>("--gateway") { Description = "Gateway id (default gw-fleet)", DefaultValueFactory = _ => "gw-fleet" };
        var broker = new Option<string>("--broker") { Description = "Broker URL, mqtt://host:port or mqtts://host:port (default mqtt://127.0.0.1:1883)", DefaultValueFactory = _ => "mqtt://127.0.0.1:1883" };
        var caFile = new Option<string?>("--ca-file") { Description = "PEM file of the broker's CA (mqtts://)" };
        var username = new Option<string?>("--username") { Description = "Broker username" };
        var password = new Option<string?>("--password") { Description = "Broker password" };
        var interval = new Option<int>("--interval-ms") { Description = "Poll interval of every meter, ms (default 1000)", DefaultValueFactory = _ => 1000 };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "The gateway's /metrics and health port (default none)" };
        var output = new Option<FileInfo?>("--out") { Description = "Write the config here (default: standard output)" };
        var config = new Command("config", "Write the cedge gateway config that polls a fleet") { Devices, ListenBase, Host, site, gateway, broker, caFile, username, password, interval, metricsPort, output };
        config.SetAction(async (result, cancellationToken) =>
        {
            IReadOnlyList<FleetMeter> plan;
            try
            {
                plan = FleetPlan.Create(result.GetValue(Devices), result.GetValue(ListenBase));
                if (result.GetValue(interval) < 100) throw new ArgumentException($"--interval-ms must be at least 100, got {result.GetValue(interval)}");
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 2;
            }
            var json = new FleetGatewayConfig(result.GetValue(site)!, result.GetValue(gateway)!, result.GetValue(broker)!, result.GetValue(Host)!,
                result.GetValue(interval), result.GetValue(metricsPort), result.GetValue(caFile), result.GetValue(username), result.GetValue(password)).Create(plan);
            string text = json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
            if (result.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, text, cancellationToken);
                Console.WriteLine($"wrote {file.FullName}: {plan.Count} modbus-tcp devices every {result.GetValue(interval)} ms; run it with: cedge run --config {file.FullName}");
            }
            else
            {
                Console.WriteLine(text);
            }
            return 0;
        });
        return config;
    }
}
