using CarbonEdge.Testing;

namespace CarbonEdge.Benchmarks;

/// <summary>Finds an executable the benchmarks run as a process: the one given, the shipped one, or the project's build.</summary>
internal static class BuiltExecutable
{
    /// <summary>
    /// <paramref name="given"/> if set, else <c>artifacts/bin/{name}</c> (what <c>scripts/build.sh</c> ships: the native
    /// gateway, the other tools' app hosts), else the app host in <paramref name="project"/>'s Release build.
    /// </summary>
    /// <exception cref="InvalidOperationException">None exists: says how to build it.</exception>
    public static string Find(string name, string project, string? given)
    {
        var root = RepositoryRoot.Find();
        foreach (var candidate in new[] { given, Path.Combine(root, "artifacts", "bin", name),
                     Path.Combine(root, project, "bin", "Release", "net10.0", name) })
        {
            if (candidate is not null && File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"{name} not found: run scripts/build.sh (or pass --{name} PATH)");
    }
}
