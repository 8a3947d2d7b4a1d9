using System.CommandLine;

namespace CarbonEdge.Edge.Cli;

/// <summary>The <c>cedge</c> command line: one subcommand per file in this folder.</summary>
internal static class CedgeCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("cedge: CarbonEdge edge gateway and field-engineer tools");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(BufferCommand.Create());
        root.Subcommands.Add(ReadCommand.Create());
        root.Subcommands.Add(ScanCommand.Create());
        root.Subcommands.Add(ProbeOrderCommand.Create());
        root.Subcommands.Add(ProvisionCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        return root;
    }
}
