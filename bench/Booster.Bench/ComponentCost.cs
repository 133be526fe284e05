using System.Diagnostics;
using Booster.Contract;
using Booster.Runtime.Execution;
using Booster.Runtime.Execution.Components;
using Booster.Runtime.Modules;
using Wasmtime;

namespace Booster.Bench;

/// <summary>
/// A component against its core twin (the same program, e.g. a C hello and the component jco
/// made of it), on Booster's execution path: compile time with Cranelift and with Winch (or
/// Winch's refusal), and the per-run cost — fresh Store, WASI context, instantiation, run,
/// captured output — alternating the two within each round on one thread, medians of rounds.
/// Any other component (a JavaScript one) can be given as the twin of nothing: "-" as CORE.
/// BENCH_COMPILE_REPEATS (default 5) sets how often each compiler compiles each file (a large
/// JavaScript component takes a minute with Cranelift).
/// </summary>
internal static class ComponentCost
{
    public static int Run(string coreFile, string componentFile, double seconds, int rounds, string? stdin)
    {
        var settings = new RuntimeSettings();
        using var engine = new WasmEngine(settings.Memory, compiler: CompilerMode.Tiered);
        var compiler = new ModuleCompiler(engine, settings.MaxMemoryBytes);
        var request = new ExecutionRequest([], [new("NAME", "bench")], stdin is null ? null : System.Text.Encoding.UTF8.GetBytes(stdin), TimeSpan.FromSeconds(30));
        var executor = new WasiExecutor(engine, settings);
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");

        var paths = new List<(string Name, LoadedModule Module)>();
        foreach (var file in new[] { coreFile, componentFile }.Where(f => f != "-"))
        {
            var bytes = File.ReadAllBytes(file);
            var name = Path.GetFileName(file);
            var kind = BinaryHeader.KindOf(bytes);
            Console.WriteLine($"{name}: {kind}, {bytes.Length / 1024.0:F1} KiB");
            CompileTime(name, "Cranelift", () => Compile(engine.Optimized.Engine, bytes, kind));
            CompileTime(name, "Winch", () => Compile(engine.For(CodeTier.Baseline).Engine, bytes, kind));
            paths.Add((name, compiler.Compile(name, file, bytes, "bench", DateTimeOffset.UtcNow)));
        }

        var perRun = paths.ToDictionary(p => p.Name, _ => new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, module) in paths)
            {
                var runs = 0;
                var started = Stopwatch.GetTimestamp();
                while (Stopwatch.GetElapsedTime(started).TotalSeconds < seconds)
                {
                    var result = executor.Execute(module, request);
                    if (result.Outcome != ExecutionOutcome.Completed) throw new InvalidOperationException($"{name}: {result.FailureMessage}");
                    runs++;
                }
                perRun[name].Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds / runs);
            }
        }
        foreach (var (name, values) in perRun)
        {
            values.Sort();
            Console.WriteLine($"{name}: {values[values.Count / 2]:F1} µs per run (median of {rounds} rounds of {seconds} s; min {values[0]:F1}, max {values[^1]:F1})");
        }
        return 0;
    }

    private static IDisposable Compile(Engine engine, byte[] bytes, BinaryKind kind) =>
        kind == BinaryKind.Component ? ComponentCode.Compile(engine, bytes) : Module.FromBytes(engine, "bench", bytes);

    private static void CompileTime(string name, string compiler, Func<IDisposable> compile)
    {
        var times = new List<double>();
        var repeats = int.TryParse(Environment.GetEnvironmentVariable("BENCH_COMPILE_REPEATS"), out var n) && n > 0 ? n : 5;
        try
        {
            for (var i = 0; i < repeats; i++)
            {
                var started = Stopwatch.GetTimestamp();
                compile().Dispose();
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"  compile with {compiler}: {times[times.Count / 2]:F1} ms (median of {repeats})");
        }
        catch (WasmtimeException e)
        {
            Console.WriteLine($"  compile with {compiler}: refused ({e.Message.Split('\n')[0]})");
        }
    }
}
