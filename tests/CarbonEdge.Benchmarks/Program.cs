using BenchmarkDotNet.Running;
using CarbonEdge.Benchmarks;

// cedge-bench
//   compare <name> [options]   end-to-end comparison of our code and a real peer, measured in the same run
//   compare --list             the comparisons there are
//   [BenchmarkDotNet options]  micro-benchmarks, e.g. --filter '*Modbus*' (allocations via MemoryDiagnoser)
if (args is ["compare", ..])
{
    return await Comparisons.RunAsync(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(Comparisons).Assembly).Run(args);
return 0;
