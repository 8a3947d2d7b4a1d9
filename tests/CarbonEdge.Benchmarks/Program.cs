using BenchmarkDotNet.Running;

// cedge-bench: BenchmarkDotNet suites (dotnet run -c Release --project tests/CarbonEdge.Benchmarks -- --filter '*')
// and end-to-end comparisons against real peers, each measured in the same run.
BenchmarkSwitcher.FromAssembly(System.Reflection.Assembly.GetExecutingAssembly()).Run(args);
