namespace CarbonEdge.Testing;

/// <summary>
/// A fresh folder for one test's servers, config files and logs, under <c>artifacts/test-runs</c>
/// of the repository (or the system temp folder outside a checkout). Kept after the run for
/// inspection of logs; <c>scripts/test.sh</c> clears it before each run.
/// </summary>
public sealed class RunFolder
{
    private RunFolder(string path) => Path = path;

    /// <summary>Absolute path of the folder.</summary>
    public string Path { get; }

    /// <summary>Creates <c>artifacts/test-runs/{name}-{random}</c>.</summary>
    public static RunFolder Create(string name)
    {
        string root = RepositoryRoot.TryFind() is { } repo
            ? System.IO.Path.Combine(repo, "artifacts", "test-runs")
            : System.IO.Path.Combine(System.IO.Path.GetTempPath(), "carbonedge-test-runs");
        string path = System.IO.Path.Combine(root, $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)]);
        Directory.CreateDirectory(path);
        return new RunFolder(path);
    }

    /// <summary>Path of <paramref name="relative"/> inside this folder (not created).</summary>
    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Creates and returns a sub-folder.</summary>
    public string Folder(string relative) => Directory.CreateDirectory(File(relative)).FullName;
}
