namespace CarbonEdge.Testing;

/// <summary>
/// The gateway as shipped: the native binary <c>scripts/build.sh</c> compiles into <c>artifacts/bin/cedge</c>. Tests that
/// run <c>cedge</c> as a person would run this one, so what native compilation could break (trimmed reflection, config
/// binding, validation) is tested where it ships.
/// </summary>
public static class ShippedGateway
{
    /// <summary>The binary's path.</summary>
    /// <exception cref="FileNotFoundException">Not built, or older than the gateway's last build: says to run scripts/build.sh.</exception>
    public static string Path
    {
        get
        {
            string root = RepositoryRoot.Find();
            string native = System.IO.Path.Combine(root, "artifacts", "bin", "cedge");
            if (!File.Exists(native)) throw new FileNotFoundException($"{native} not built; run scripts/build.sh (it compiles the native gateway)");
            string managed = System.IO.Path.Combine(root, "edge", "CarbonEdge.Edge", "bin", "Release", "net10.0", "cedge.dll");
            if (File.Exists(managed) && File.GetLastWriteTimeUtc(managed) > File.GetLastWriteTimeUtc(native))
                throw new FileNotFoundException($"{native} is older than the gateway's last build ({managed}); run scripts/build.sh");
            return native;
        }
    }
}
