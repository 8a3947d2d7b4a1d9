using CarbonEdge.Testing;

namespace CarbonEdge.Benchmarks;

/// <summary>Finds the <c>cedge-cloud</c> executable the benchmarks run.</summary>
internal static class CedgeCloud
{
    /// <exception cref="InvalidOperationException">Not built: says how to build it.</exception>
    public static string Find(string? given)
    {
        var root = RepositoryRoot.Find();
        foreach (var candidate in new[] { given, Path.Combine(root, "artifacts", "bin", "cedge-cloud"),
                     Path.Combine(root, "cloud", "CarbonEdge.Cloud", "bin", "Release", "net10.0", "cedge-cloud") })
        {
            if (candidate is not null && File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("cedge-cloud not found: run scripts/build.sh (or pass --cedge-cloud PATH)");
    }
}
