using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CarbonEdge.Benchmarks;

// cedge-bench
//   compare <name> [options]   end-to-end comparison of our code and a real peer, measured in the same run
//   compare --list             the comparisons there are
//   [BenchmarkDotNet options]  micro-benchmarks, e.g. --filter '*Modbus*' (allocations via MemoryDiagnoser)
if (args is ["compare", ..])
{
    return await Comparisons.RunAsync(args[1..]);
}
// In process: BenchmarkDotNet's default out-of-process toolchain looks for a project named like the assembly (cedge-bench).
BenchmarkSwitcher.FromAssembly(typeof(Comparisons).Assembly)
    .Run(args, DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)));
return 0;
