using CarbonEdge.Testing;

namespace CarbonEdge.IntegrationTests.Rig;

/// <summary>
/// The built <c>cedge</c>, <c>cedge-cloud</c>, <c>cedge-terminal</c> and <c>cedge-sim</c>, run as separate processes (so
/// the gateway can be killed with SIGKILL). The gateway is the native binary <c>scripts/build.sh</c> ships in
/// <c>artifacts/bin</c>, run directly; the others are the assemblies the test build made, run with <c>dotnet</c>.
/// </summary>
internal static class Executables
{
    // .../tests/CarbonEdge.IntegrationTests/bin/{Configuration}/net10.0/
    private static readonly string Configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    /// <summary>The native gateway (<see cref="ShippedGateway"/>); a file, not a <c>dotnet</c> argument.</summary>
    public static string Gateway => ShippedGateway.Path;

    public static string Cloud => Find("cloud/CarbonEdge.Cloud", "cedge-cloud.dll");

    public static string Terminal => Find("firmware/CarbonEdge.Firmware.Linux", "cedge-terminal.dll");

    public static string Simulator => Find("simulators/CarbonEdge.Simulators", "cedge-sim.dll");

    private static string Find(string project, string dll)
    {
        string path = Path.Combine(RepositoryRoot.Find(), project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} not built; build the solution first (scripts/build.sh)");
    }
}
