using BenchmarkDotNet.Attributes;

namespace Booster.Bench;

/// <summary>One execution of the tiny module: Booster's path against bare Wasmtime.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class ExecutionBenchmarks
{
    private ExecutionPaths _paths = null!;

    [GlobalSetup]
    public void Setup() => _paths = new ExecutionPaths(Path.Combine(AppContext.BaseDirectory, "modules", "tiny.wat"));

    [GlobalCleanup]
    public void Cleanup() => _paths.Dispose();

    [Benchmark(Baseline = true)]
    public int BareWasmtime() => _paths.Bare();

    [Benchmark]
    public int BoosterExecutor() => _paths.Booster();
}
