using CarbonEdge.Protocols.Telemetry;

namespace CarbonEdge.Edge.Buffer;

/// <summary>What a reading is to the buffer's eviction rule (<see cref="BufferLimits"/>): what estimation needs is kept.</summary>
internal enum ReadingKind
{
    /// <summary>Instantaneous values (power, voltage, current, power factor, gas concentrations, ...): evicted first, oldest first.</summary>
    Instantaneous,

    /// <summary>Cumulative energy registers (catalog points with <see cref="PointDefinition.IsCumulative"/>): thinned to one
    /// reading per device, point and interval, oldest first, once no instantaneous reading is left to evict.</summary>
    Energy,

    /// <summary>The meter's own daily frozen values (<see cref="Points.EnergyActiveImportFrozen"/>): never evicted.</summary>
    Frozen,
}

/// <summary>The kinds of the catalog's points, and their SQL lists for the buffer's eviction statements.</summary>
internal static class ReadingKinds
{
    /// <summary>Catalog points of kind <see cref="ReadingKind.Energy"/>.</summary>
    public static IReadOnlyList<string> EnergyPoints { get; } =
        [.. Points.Catalog.Where(p => p.IsCumulative).Select(p => p.Name)];

    /// <summary>Catalog points of kind <see cref="ReadingKind.Frozen"/>.</summary>
    public static IReadOnlyList<string> FrozenPoints { get; } = [Points.EnergyActiveImportFrozen];

    /// <summary>The kind of <paramref name="point"/>; a point outside the catalog is instantaneous.</summary>
    public static ReadingKind Of(string point) =>
        FrozenPoints.Contains(point) ? ReadingKind.Frozen : EnergyPoints.Contains(point) ? ReadingKind.Energy : ReadingKind.Instantaneous;

    /// <summary>The kind's name in the status, the status reply and metrics: <c>instantaneous</c>, <c>energy</c>, <c>frozen</c>.</summary>
    public static string Name(ReadingKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Evicted counts by kind name, for the status payload and the status reply.</summary>
    public static IReadOnlyDictionary<string, long> Named(IReadOnlyDictionary<ReadingKind, long> counts) =>
        counts.ToDictionary(c => Name(c.Key), c => c.Value, StringComparer.Ordinal);

    /// <summary><c>('a', 'b')</c>: catalog names are constants of ours ([a-z0-9.]), safe to inline.</summary>
    public static string SqlList(IEnumerable<string> points) => "(" + string.Join(", ", points.Select(p => $"'{p}'")) + ")";
}
