using System.CommandLine;
using System.Text;
using CarbonEdge.Cloud.Access;

namespace CarbonEdge.Cloud.Cli;

/// <summary>
/// <c>cedge-cloud users add --name N --role R [--scope S] [--totp] [--config FILE]</c>: adds (or resets) a dashboard user.
/// The password is prompted for twice on a terminal, or read as the first line of standard input. Admins and regulators
/// always get a TOTP second factor (T/CES carbon statistics §8.2 MFA), others with <c>--totp</c>; its secret is printed once.
/// </summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "User name ([A-Za-z0-9._@-]{1,64})", Required = true };
        var role = new Option<string>("--role") { Description = "admin, regulator, enterprise or public", Required = true };
        var scope = new Option<string>("--scope") { Description = "region:CODE or enterprise:ID, comma-separated (regulator: regions; enterprise: enterprises)" };
        var totp = new Option<bool>("--totp") { Description = "Give an enterprise or public user a TOTP second factor too" };
        var config = CliConfig.Option();
        var add = new Command("add", "Add a user (or reset one of the same name): password from the prompt or stdin; TOTP secret printed once") { name, role, scope, totp, config };
        add.SetAction(result =>
        {
            if (CliConfig.Resolve(result, config) is not { } configFile) return 2;
            string roleName = result.GetValue(role)!;
            if (!AccessScope.TryParse(roleName, result.GetValue(scope), out var parsed, out var error))
            {
                Console.Error.WriteLine($"error: {error}");
                return 2;
            }
            if (ReadPassword() is not { } password) return 2;
            using var store = AccessStore.Open(CliConfig.RegistryFile(configFile));
            using var audit = AuditLog.Open(CliConfig.RegistryFile(configFile));
            string? secret;
            try
            {
                secret = store.AddUser(result.GetValue(name)!, roleName, parsed, password, result.GetValue(totp));
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message.Split(" (Parameter", 2)[0]}");
                return 2;
            }
            audit.Append(CliConfig.Actor, "user.add", result.GetValue(name)!, "ok", $"role {roleName}, scope '{parsed}', totp {(secret is null ? "no" : "yes")}");
            Console.WriteLine($"user {result.GetValue(name)} added: role {roleName}{(parsed.ToString() is "" ? "" : $", scope {parsed}")}");
            if (secret is not null)
            {
                Console.WriteLine("second factor: add this TOTP secret to an authenticator app (shown once):");
                Console.WriteLine($"  secret {secret}");
                Console.WriteLine($"  otpauth://totp/CarbonEdge:{Uri.EscapeDataString(result.GetValue(name)!)}?secret={secret}&issuer=CarbonEdge");
            }
            return 0;
        });
        return new Command("users", "Manage dashboard users") { add };
    }

    /// <summary>The password: first line of stdin when it is redirected, else typed twice without echo.</summary>
    private static string? ReadPassword()
    {
        if (Console.IsInputRedirected)
        {
            var line = Console.In.ReadLine();
            if (!string.IsNullOrEmpty(line)) return line;
            Console.Error.WriteLine("error: no password on standard input (give it as the first line)");
            return null;
        }
        var first = Prompt("password: ");
        if (first != Prompt("again: "))
        {
            Console.Error.WriteLine("error: the passwords differ; run the command again");
            return null;
        }
        return first;
    }

    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        var text = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && text.Length > 0) text.Length--;
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return text.ToString();
    }
}
