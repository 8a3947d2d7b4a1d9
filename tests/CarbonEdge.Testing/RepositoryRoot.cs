namespace CarbonEdge.Testing;

/// <summary>Finds the repository root (the folder holding <c>CarbonEdge.sln</c>) from the test binaries.</summary>
public static class RepositoryRoot
{
    /// <summary>The repository root, or null when the tests run outside a checkout.</summary>
    public static string? TryFind()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CarbonEdge.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>The repository root; throws when the tests run outside a checkout.</summary>
    public static string Find() =>
        TryFind() ?? throw new InvalidOperationException("CarbonEdge.sln not found above " + AppContext.BaseDirectory);
}
