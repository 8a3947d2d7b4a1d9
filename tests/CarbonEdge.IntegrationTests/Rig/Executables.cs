using CarbonEdge.Testing;

namespace CarbonEdge.IntegrationTests.Rig;

/// <summary>The built <c>cedge</c> and <c>cedge-cloud</c>, run as separate processes (so the gateway can be killed with SIGKILL).</summary>
internal static class Executables
{
    // .../tests/CarbonEdge.IntegrationTests/bin/{Configuration}/net10.0/
    private static readonly string Configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static string Gateway => Find("edge/CarbonEdge.Edge", "cedge.dll");

    public static string Cloud => Find("cloud/CarbonEdge.Cloud", "cedge-cloud.dll");

    /// <summary>The simulators (<c>cedge-sim</c>), copied next to the tests by the project reference.</summary>
    public static string Simulator => Path.Combine(AppContext.BaseDirectory, "cedge-sim.dll");

    private static string Find(string project, string dll)
    {
        string path = Path.Combine(RepositoryRoot.Find(), project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} not built; build the solution first (scripts/build.sh)");
    }
}
