using BenchmarkDotNet.Running;
using Booster.Bench;

// scaling (default): executions/s on 1 and 2 threads, bare Wasmtime against Booster's path.
// bdn: BenchmarkDotNet latency of one execution, same two paths.
// startup: process start → every module served, cold and on a warm compiled-code cache.
// loadcost: one module's load, step by step (read, hash, compile, validate, cache).
// components: a WASI 0.2 component against its core twin: compile times, per-run cost.
var mode = args.FirstOrDefault() ?? "scaling";
if (mode == "startup")
{
    // startup RUNTIME WORK PROGRAM [counts, e.g. 10,100,200,1000] [rounds] [served-only]
    var counts = (args.Length > 4 ? args[4] : "10,100,200,1000").Split(',').Select(int.Parse).ToList();
    var startRounds = args.Length > 5 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 3;
    return StartupBenchmark.Run(args[1], args[2], args[3], counts, startRounds, args.Length > 6 && args[6] == "served-only");
}
if (mode == "loadcost")
{
    // loadcost MODULE [repeats]: where one module's load goes, step by step.
    return LoadCost.Run(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 9);
}
if (mode == "components")
{
    // components CORE|- COMPONENT [seconds] [rounds] [stdin]: a component against its core twin.
    return ComponentCost.Run(args[1], args[2], args.Length > 3 ? double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1,
        args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 9, args.Length > 5 ? args[5] : null);
}
if (mode == "bdn")
{
    BenchmarkRunner.Run<ExecutionBenchmarks>(args: args.Skip(1).ToArray());
    return 0;
}
if (mode != "scaling")
{
    Console.Error.WriteLine("usage: Booster.Bench [scaling [seconds] [rounds] [module] [stdin] | bdn [BenchmarkDotNet options] | startup RUNTIME WORK PROGRAM [counts] [rounds] | loadcost MODULE [repeats] | components CORE|- COMPONENT [seconds] [rounds] [stdin]]");
    return 2;
}
var seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
var rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 15;
// scaling [seconds] [rounds] [module file (default: the tiny module)] [stdin]
using var paths = new ExecutionPaths(args.Length > 3 ? args[3] : Path.Combine(AppContext.BaseDirectory, "modules", "tiny.wat"), args.Length > 4 ? args[4] : null);
ScalingBenchmark.Run(paths, TimeSpan.FromSeconds(seconds), rounds);
return 0;
