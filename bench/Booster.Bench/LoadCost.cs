using System.Diagnostics;
using System.IO.Hashing;
using System.Security.Cryptography;
using Booster.Contract;
using Booster.Runtime.Execution;
using Booster.Runtime.Modules;
using Booster.Runtime.Modules.Cache;
using Wasmtime;

namespace Booster.Bench;

/// <summary>
/// Where the time of one module's load goes, step by step, as the runtime does them: read, hash,
/// compile with each compiler, validate, serialize, checksum and write the cache entry, and read
/// it back. Each step is repeated and its median reported, as wall time and as process CPU time
/// (compilers use several threads). One module at a time, on an otherwise idle process.
/// </summary>
internal static class LoadCost
{
    public static int Run(string moduleFile, int repeats)
    {
        var settings = new RuntimeSettings();
        using var engine = new WasmEngine(settings.Memory, warmRegions: 0, compiler: CompilerMode.Tiered);
        using var noEpochs = new Engine(new Config().WithCompilerStrategy(CompilerStrategy.Cranelift));
        using var parallel = new WasmEngine(settings.Memory, warmRegions: 0, compiler: CompilerMode.Optimized);
        var validator = new ModuleValidator(engine, settings.MaxMemoryBytes, TimeSpan.FromSeconds(10));
        var name = Path.GetFileNameWithoutExtension(moduleFile);
        var temporary = Directory.CreateTempSubdirectory("booster-loadcost-").FullName;
        Console.WriteLine($"Load cost of {Path.GetFileName(moduleFile)} ({new FileInfo(moduleFile).Length / 1048576.0:F2} MiB), medians of {repeats}; " +
                          $"load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"{"step",-48} {"wall ms",9} {"CPU ms",9}");
        try
        {
            using var content = PooledBytes.ReadFile(moduleFile);
            var bytes = content.Memory;
            Step("read the module file", repeats, () => PooledBytes.ReadFile(moduleFile).Dispose());
            Step("SHA-256 of the module", repeats, () => SHA256.HashData(bytes.Span));
            Step("compile: Winch (baseline)", repeats, () => Module.FromBytes(engine.For(CodeTier.Baseline).Engine, name, bytes.Span).Dispose());
            Step("compile: Cranelift, one thread (background)", repeats, () => Module.FromBytes(engine.Optimized.Engine, name, bytes.Span).Dispose());
            Step("compile: Cranelift, parallel (optimized mode)", repeats, () => Module.FromBytes(parallel.Engine, name, bytes.Span).Dispose());
            // Wasmtime's defaults: no epoch checks, and a 4 GiB reservation that needs no bounds checks.
            Step("compile: Cranelift, upstream defaults, parallel", repeats, () => Module.FromBytes(noEpochs, name, bytes.Span).Dispose());
            using var baseline = Module.FromBytes(engine.For(CodeTier.Baseline).Engine, name, bytes.Span);
            using var optimized = Module.FromBytes(engine.Optimized.Engine, name, bytes.Span);
            Step("validate (declarations, instantiation): baseline", repeats, () => validator.Validate(baseline, CodeTier.Baseline));
            Step("validate: optimized", repeats, () => validator.Validate(optimized, CodeTier.Optimized));
            var payload = optimized.Serialize();
            Console.WriteLine($"{"  (optimized code serialized: " + (payload.Length / 1048576.0).ToString("F2") + " MiB)",-48}");
            Step("serialize the optimized code", repeats, () => optimized.Serialize());
            Step("SHA-256 of the serialized code", repeats, () => SHA256.HashData(payload));
            Step("XxHash3 of the serialized code", repeats, () => XxHash3.HashToUInt64(payload));
            var cache = new CompiledCodeCache(temporary, 1L << 40, new Booster.Runtime.Observability.RuntimeMetrics(new ExecutionGate(1, 1, TimeSpan.FromSeconds(1)), 1, 1),
                Microsoft.Extensions.Logging.Abstractions.NullLogger<CompiledCodeCache>.Instance);
            var key = CacheKey.For(Convert.ToHexStringLower(SHA256.HashData(bytes.Span)), false, "loadcost");
            Step("cache write (serialize, checksum, write, rename)", repeats, () => cache.Store(key, optimized));
            Step("cache read (read, check, deserialize)", repeats, () => cache.TryLoad(key, engine.Optimized.Engine, name)!.Dispose());
            var raw = Path.Combine(temporary, "raw.cwasm");
            File.WriteAllBytes(raw, payload);
            Step("Wasmtime deserialize from bytes in memory", repeats, () => Module.Deserialize(engine.Optimized.Engine, name, payload).Dispose());
            Step("Wasmtime deserialize_file (mapped)", repeats, () => Module.DeserializeFile(engine.Optimized.Engine, name, raw).Dispose());
        }
        finally
        {
            Directory.Delete(temporary, recursive: true);
        }
        return 0;
    }

    private static void Step(string name, int repeats, Action step)
    {
        step(); // warm-up
        var wall = new List<double>();
        var cpu = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            step();
            wall.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }
        Console.WriteLine($"{name,-48} {Median(wall),9:F2} {Median(cpu),9:F2}");
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
