using System.CommandLine;
using CarbonEdge.Cloud.Access;
using CarbonEdge.Protocols.Telemetry;

namespace CarbonEdge.Cloud.Cli;

/// <summary>
/// Broker accounts on mosquitto's dynamic-security plugin: <c>cedge-cloud broker token --site S --gateway G
/// [--expires HOURS]</c> makes a one-time provisioning token for a new gateway (alone on the last line; the gateway runs
/// <c>cedge provision --cloud URL --token T --config FILE</c>); <c>cedge-cloud broker cloud-account --username U</c>
/// creates the cloud's own account (password from stdin). Both take <c>--config FILE</c> (section <c>broker</c>).
/// </summary>
internal static class BrokerCommand
{
    public static Command Create() => new("broker", "Broker accounts: provisioning tokens for gateways, the cloud's account") { Token(), CloudAccount() };

    private static Command Token()
    {
        var site = new Option<string>("--site") { Description = "Site id of the new gateway", Required = true };
        var gateway = new Option<string>("--gateway") { Description = "Gateway id", Required = true };
        var expires = new Option<int>("--expires") { Description = "Hours the token stays valid (default 24)", DefaultValueFactory = _ => 24 };
        var config = CliConfig.Option();
        var command = new Command("token", "Create a one-time provisioning token for a gateway (printed alone on the last line)") { site, gateway, expires, config };
        command.SetAction(result =>
        {
            if (CliConfig.Resolve(result, config) is not { } configFile) return 2;
            string s = result.GetValue(site)!, g = result.GetValue(gateway)!;
            if (!TelemetryTopics.IsValidId(s) || !TelemetryTopics.IsValidId(g) || result.GetValue(expires) is < 1 or > 720)
            {
                Console.Error.WriteLine("error: --site and --gateway are ids [a-z0-9-]{1,64}; --expires is 1..720 hours");
                return 2;
            }
            using var tokens = ProvisioningTokens.Open(CliConfig.RegistryFile(configFile));
            using var audit = AuditLog.Open(CliConfig.RegistryFile(configFile));
            string token = tokens.Create(s, g, TimeSpan.FromHours(result.GetValue(expires)));
            audit.Append(CliConfig.Actor, "gateway.token", $"{s}/{g}", "ok", $"valid {result.GetValue(expires)} h");
            Console.WriteLine($"provisioning token for {s}/{g}, valid {result.GetValue(expires)} h, works once; on the gateway run:");
            Console.WriteLine($"  cedge provision --cloud URL --token TOKEN --config gateway.json");
            Console.WriteLine(token);
            return 0;
        });
        return command;
    }

    private static Command CloudAccount()
    {
        var username = new Option<string>("--username") { Description = "The cloud's broker user name", Required = true };
        var config = CliConfig.Option();
        var command = new Command("cloud-account", "Create the cloud's broker account (reads gateways' telemetry, status, reply; writes cmd/); password from stdin") { username, config };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (CliConfig.Resolve(result, config) is not { } configFile) return 2;
            var options = new ConfigurationBuilder().AddJsonFile(configFile).Build().GetSection("broker").Get<BrokerOptions>() ?? new BrokerOptions();
            var accounts = new BrokerAccounts(options);
            if (!accounts.Configured)
            {
                Console.Error.WriteLine("error: the config has no broker.adminUsername / broker.adminPassword (the dynamic-security admin)");
                return 2;
            }
            string? password = Console.In.ReadLine();
            if (string.IsNullOrEmpty(password))
            {
                Console.Error.WriteLine("error: give the password as the first line of standard input");
                return 2;
            }
            try
            {
                await accounts.CreateCloudAsync(result.GetValue(username)!, password, cancellationToken);
            }
            catch (BrokerAccountException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 1;
            }
            using (var audit = AuditLog.Open(CliConfig.RegistryFile(configFile)))
                audit.Append(CliConfig.Actor, "broker.cloud-account", result.GetValue(username)!, "ok");
            Console.WriteLine($"broker account {result.GetValue(username)} ready: subscribes carbonedge/v1/+/+/telemetry|status|reply, publishes carbonedge/v1/+/+/cmd/#");
            return 0;
        });
        return command;
    }
}
