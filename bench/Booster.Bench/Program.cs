using BenchmarkDotNet.Running;
using Booster.Bench;

// scaling (default): executions/s on 1 and 2 threads, bare Wasmtime against Booster's path.
// bdn: BenchmarkDotNet latency of one execution, same two paths.
var mode = args.FirstOrDefault() ?? "scaling";
if (mode == "bdn")
{
    BenchmarkRunner.Run<ExecutionBenchmarks>(args: args.Skip(1).ToArray());
    return 0;
}
if (mode != "scaling")
{
    Console.Error.WriteLine("usage: Booster.Bench [scaling [seconds] [rounds] | bdn [BenchmarkDotNet options]]");
    return 2;
}
var seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
var rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 15;
using var paths = new ExecutionPaths(Path.Combine(AppContext.BaseDirectory, "modules", "tiny.wat"));
ScalingBenchmark.Run(paths, TimeSpan.FromSeconds(seconds), rounds);
return 0;
