using System.CommandLine;

namespace CarbonEdge.Simulators.Cli;

/// <summary>The <c>cedge-sim</c> command line: one subcommand per file in this folder.</summary>
internal static class SimCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("cedge-sim: simulated meters, CEMS analyzers and history backfill for CarbonEdge");
        root.Subcommands.Add(MeterCommand.Create());
        root.Subcommands.Add(BusCommand.Create());
        root.Subcommands.Add(HistoryCommand.Create());
        root.Subcommands.Add(CemsCommand.Create());
        root.Subcommands.Add(FleetCommand.Create());
        return root;
    }
}
