using System.CommandLine;

namespace CarbonEdge.Cloud.Cli;

/// <summary>The <c>cedge-cloud</c> command line: one subcommand per file in this folder.</summary>
internal static class CloudCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("cedge-cloud: CarbonEdge ingestion, estimation, REST API and dashboard");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(EstimateCommand.Create());
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(BrokerCommand.Create());
        root.Subcommands.Add(BackupCommand.CreateBackup());
        root.Subcommands.Add(BackupCommand.CreateRestore());
        root.Subcommands.Add(ForecastBacktestCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(EstimateRegionCommand.Create());
        root.Subcommands.Add(ImportRegionCommand.Create());
        return root;
    }
}
