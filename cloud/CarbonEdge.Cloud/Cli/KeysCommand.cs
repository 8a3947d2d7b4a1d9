using System.CommandLine;
using System.Globalization;
using CarbonEdge.Cloud.Access;
using Spectre.Console;

namespace CarbonEdge.Cloud.Cli;

/// <summary>
/// API keys for machines (the regional platform, scripts): <c>cedge-cloud keys create --name N --role R [--scope S]
/// [--expires DAYS]</c> prints the key once, alone on its last line; <c>keys list</c>; <c>keys revoke ID|NAME</c>.
/// All take <c>--config FILE</c>.
/// </summary>
internal static class KeysCommand
{
    public static Command Create() => new("keys", "Manage API keys (sent in the X-Api-Key header)") { CreateKey(), List(), Revoke() };

    private static Command CreateKey()
    {
        var name = new Option<string>("--name") { Description = "Key name ([A-Za-z0-9._@-]{1,64})", Required = true };
        var role = new Option<string>("--role") { Description = "admin, regulator, enterprise or public", Required = true };
        var scope = new Option<string>("--scope") { Description = "region:CODE or enterprise:ID, comma-separated" };
        var expires = new Option<int?>("--expires") { Description = "Days until the key expires (default: never)" };
        var config = CliConfig.Option();
        var command = new Command("create", "Create an API key; it is printed once, alone on the last line") { name, role, scope, expires, config };
        command.SetAction(result =>
        {
            if (CliConfig.Resolve(result, config) is not { } configFile) return 2;
            string roleName = result.GetValue(role)!;
            if (!AccessScope.TryParse(roleName, result.GetValue(scope), out var parsed, out var error))
            {
                Console.Error.WriteLine($"error: {error}");
                return 2;
            }
            using var store = AccessStore.Open(CliConfig.RegistryFile(configFile));
            using var audit = AuditLog.Open(CliConfig.RegistryFile(configFile));
            try
            {
                var (key, info) = store.CreateKey(result.GetValue(name)!, roleName, parsed, result.GetValue(expires));
                audit.Append(CliConfig.Actor, "key.create", $"{info.Name} ({info.Id})", "ok", $"role {roleName}, scope '{parsed}', expires {Format(info.Expires)}");
                Console.WriteLine($"key {info.Name} (id {info.Id}) created: role {roleName}{(parsed.ToString() is "" ? "" : $", scope {parsed}")}, expires {Format(info.Expires)}");
                Console.WriteLine("send it in the X-Api-Key header; it is shown only now:");
                Console.WriteLine(key);
                return 0;
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message.Split(" (Parameter", 2)[0]}");
                return 2;
            }
        });
        return command;
    }

    private static Command List()
    {
        var config = CliConfig.Option();
        var command = new Command("list", "List API keys (never their secrets)") { config };
        command.SetAction(result =>
        {
            if (CliConfig.Resolve(result, config) is not { } configFile) return 2;
            using var store = AccessStore.Open(CliConfig.RegistryFile(configFile));
            var now = DateTimeOffset.UtcNow;
            if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
            var table = new Table().AddColumns("id", "name", "role", "scope", "created", "expires", "state", "last used");
            foreach (var k in store.Keys())
            {
                string state = k.Revoked is not null ? "revoked" : k.IsActive(now) ? "active" : "expired";
                table.AddRow(k.Id, Markup.Escape(k.Name), k.Role, Markup.Escape(k.Scope.ToString() is "" ? "-" : k.Scope.ToString()), Format(k.Created),
                    Format(k.Expires), state, Format(k.LastUsed));
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Revoke()
    {
        var key = new Argument<string>("key") { Description = "Key id (12 hex digits) or name" };
        var config = CliConfig.Option();
        var command = new Command("revoke", "Revoke an API key by id or name (every active key of that name)") { key, config };
        command.SetAction(result =>
        {
            if (CliConfig.Resolve(result, config) is not { } configFile) return 2;
            using var store = AccessStore.Open(CliConfig.RegistryFile(configFile));
            using var audit = AuditLog.Open(CliConfig.RegistryFile(configFile));
            string which = result.GetValue(key)!;
            int revoked = store.RevokeKey(which);
            if (revoked == 0)
            {
                Console.Error.WriteLine($"error: no active key with id or name '{which}' (see cedge-cloud keys list)");
                return 1;
            }
            audit.Append(CliConfig.Actor, "key.revoke", which, "ok", $"{revoked} key(s)");
            Console.WriteLine($"revoked {revoked} key{(revoked == 1 ? "" : "s")} '{which}'");
            return 0;
        });
        return command;
    }

    private static string Format(DateTimeOffset? time) => time?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "-";
}
