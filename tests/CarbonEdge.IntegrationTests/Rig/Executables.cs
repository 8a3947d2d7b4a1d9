using CarbonEdge.Testing;

namespace CarbonEdge.IntegrationTests.Rig;

/// <summary>The built <c>cedge</c>, <c>cedge-cloud</c>, <c>cedge-terminal</c> and <c>cedge-sim</c>, run as separate processes (so the gateway can be killed with SIGKILL).</summary>
internal static class Executables
{
    // .../tests/CarbonEdge.IntegrationTests/bin/{Configuration}/net10.0/
    private static readonly string Configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static string Gateway => Find("edge/CarbonEdge.Edge", "cedge.dll");

    public static string Cloud => Find("cloud/CarbonEdge.Cloud", "cedge-cloud.dll");

    public static string Terminal => Find("firmware/CarbonEdge.Firmware.Linux", "cedge-terminal.dll");

    public static string Simulator => Find("simulators/CarbonEdge.Simulators", "cedge-sim.dll");

    private static string Find(string project, string dll)
    {
        string path = Path.Combine(RepositoryRoot.Find(), project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} not built; build the solution first (scripts/build.sh)");
    }
}
