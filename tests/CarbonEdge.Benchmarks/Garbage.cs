namespace CarbonEdge.Benchmarks;

/// <summary>Between the sides of a comparison run in one process.</summary>
internal static class Garbage
{
    /// <summary>Collects the garbage and runs the finalizers the other side left (its payloads, a stopped host), so that neither side pays for them.</summary>
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
