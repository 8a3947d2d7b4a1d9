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
        root.Subcommands.Add(EstimateRegionCommand.Create());
        root.Subcommands.Add(ImportRegionCommand.Create());
        return root;
    }
}
