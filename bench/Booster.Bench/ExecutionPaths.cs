using Booster.Contract;
using Booster.Runtime.Execution;
using Booster.Runtime.Execution.Wasi;
using Booster.Runtime.Modules;
using Wasmtime;

namespace Booster.Bench;

/// <summary>
/// The two execution paths compared: Booster's (<see cref="WasiExecutor"/>: fresh Store, WASI
/// args and env, limits, deadline, captured stdout and stderr) and a bare Wasmtime baseline
/// (Wasmtime's own WASI linker and nothing else, fresh Store, a WASI context with the same stdin
/// as bytes, instantiate, _start, stdout discarded). Both run on the same engine, so the same
/// compiled code and memory allocator;
/// BENCH_COMPILER=baseline runs both on Winch code instead of Cranelift code.
/// </summary>
internal sealed class ExecutionPaths : IDisposable
{
    private readonly WasmEngine _engine;
    private readonly WasiExecutor _executor;
    private readonly LoadedModule _module;
    private readonly ExecutionRequest _request;
    /// <summary>Wasmtime's WASI alone: Booster's linker serves stdio itself from state the bare path has not.</summary>
    private readonly Linker _bareLinker;

    /// <param name="moduleFile">A .wat or .wasm WASI command.</param>
    /// <param name="stdin">Standard input of every execution (null: none).</param>
    public ExecutionPaths(string moduleFile, string? stdin = null)
    {
        _request = new([], [new("NAME", "bench")], stdin is null ? null : System.Text.Encoding.UTF8.GetBytes(stdin), TimeSpan.FromSeconds(10));
        var settings = new RuntimeSettings();
        var tier = Environment.GetEnvironmentVariable("BENCH_COMPILER") == "baseline" ? CodeTier.Baseline : CodeTier.Optimized;
        _engine = new WasmEngine(settings.Memory, compiler: tier == CodeTier.Baseline ? CompilerMode.Baseline : CompilerMode.Optimized);
        var content = File.ReadAllBytes(moduleFile);
        _module = new ModuleCompiler(_engine, settings.MaxMemoryBytes)
            .Compile(Path.GetFileNameWithoutExtension(moduleFile), moduleFile, content, "bench", DateTimeOffset.UtcNow, tier);
        _executor = new WasiExecutor(_engine, settings);
        _bareLinker = new Linker(_engine.For(tier).Engine);
        _bareLinker.DefineWasi();
    }

    public int Booster()
    {
        var result = _executor.Execute(_module, _request);
        if (result.Outcome != ExecutionOutcome.Completed) throw new InvalidOperationException(result.FailureMessage);
        return result.Stdout.Length;
    }

    public int Bare()
    {
        var tier = _engine.For(_module.Tier);
        using var store = new Store(tier.Engine);
        // Like for like: without stdin a guest reading its input (SQLite) would do less work bare.
        ReadOnlyFolders.Install(store, [], _request.Stdin);
        store.SetEpochDeadline(1000); // the engine interrupts at once without a deadline
        var instance = _bareLinker.Instantiate(store, _module.Module ?? throw new InvalidOperationException("the bare path runs core modules only"));
        instance.GetAction("_start")!.Invoke();
        return 0;
    }

    public void Dispose()
    {
        _bareLinker.Dispose();
        _engine.Dispose();
    }
}
