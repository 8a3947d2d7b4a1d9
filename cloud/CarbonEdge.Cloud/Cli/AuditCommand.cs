using System.CommandLine;
using CarbonEdge.Cloud.Access;

namespace CarbonEdge.Cloud.Cli;

/// <summary>
/// <c>cedge-cloud audit verify [--config FILE]</c>: walks the audit log's hash chain; exit 0 when intact, 1 with the
/// first edited, inserted or removed row named (T/CES carbon statistics §8.3).
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var config = CliConfig.Option();
        var verify = new Command("verify", "Check the audit log's hash chain: every row unedited, none removed") { config };
        verify.SetAction(result =>
        {
            if (CliConfig.Resolve(result, config) is not { } configFile) return 2;
            using var log = AuditLog.Open(CliConfig.RegistryFile(configFile));
            var (rows, problem) = log.Verify();
            if (problem is null)
            {
                Console.WriteLine($"audit log intact: {rows} rows, hash chain verified");
                return 0;
            }
            Console.Error.WriteLine($"audit log BROKEN: {problem} (checked {rows} rows); keep this copy as evidence and restore the log from a backup");
            return 1;
        });
        return new Command("audit", "The audit log") { verify };
    }
}
