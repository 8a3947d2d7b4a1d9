using System.Text;
using CarbonEdge.Estimation.Factors;

namespace CarbonEdge.Cloud.Registry;

/// <summary>
/// Factors written over the API (<c>POST /api/v1/factors</c>): each version one row, kept as a one-factor factor file
/// (<c>carbonedge.factors.v1</c>), never changed once written (a revision is a new version).
/// </summary>
internal sealed partial class RegistryStore
{
    private void CreateFactorTable() => Execute("""
        CREATE TABLE IF NOT EXISTS factor (id TEXT NOT NULL, version INTEGER NOT NULL, file TEXT NOT NULL, PRIMARY KEY (id, version));
        """);

    /// <summary>Stores one factor version.</summary>
    /// <exception cref="Microsoft.Data.Sqlite.SqliteException">That id and version are stored already.</exception>
    public void SaveFactor(Factor factor)
    {
        using var file = new MemoryStream();
        new FactorLibrary([factor]).Save(file, "written over the API");
        lock (_lock)
        {
            Execute("INSERT INTO factor (id, version, file) VALUES ($1, $2, $3)", factor.Id, factor.Version, Encoding.UTF8.GetString(file.ToArray()));
        }
    }

    /// <summary>Every factor version written over the API, by id and version.</summary>
    public IReadOnlyList<Factor> Factors() =>
        Query("SELECT id, version, file FROM factor ORDER BY id, version", r =>
        {
            using var file = new MemoryStream(Encoding.UTF8.GetBytes(r.GetString(2)));
            return FactorLibrary.Load(file, $"registry factor {r.GetString(0)}@v{r.GetInt32(1)}").All[0];
        });
}
