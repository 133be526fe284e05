using System.Diagnostics;
using System.Text;
using Booster.Runtime.Execution;
using Booster.Runtime.Execution.Limits;
using Booster.Runtime.Execution.Wasi;
using Wasmtime;

namespace Booster.Runtime.Modules;

/// <summary>
/// Compiles a module file (binary <c>.wasm</c> or text <c>.wat</c>) once, and checks that it
/// can run here: a WASI command (exports <c>_start</c>) whose imports the linker provides and
/// whose initial memory fits BOOSTER_MAX_MEMORY_BYTES. A module that fails is never served.
/// </summary>
internal sealed class ModuleCompiler(WasmEngine engine, long maxMemoryBytes)
{
    public static readonly string[] Extensions = [".wasm", ".wat"];

    private static readonly TimeSpan StartFunctionBudget = TimeSpan.FromSeconds(2);

    public LoadedModule Compile(string name, string path, byte[] content, string sha256, DateTimeOffset fileModifiedAt)
    {
        var started = Stopwatch.GetTimestamp();
        var module = Path.GetExtension(path).Equals(".wat", StringComparison.OrdinalIgnoreCase)
            ? Module.FromText(engine.Engine, name, Encoding.UTF8.GetString(content))
            : Module.FromBytes(engine.Engine, name, content);
        try
        {
            CheckRunnable(module);
        }
        catch
        {
            module.Dispose();
            throw;
        }
        return new LoadedModule(name, module, path, content.LongLength, sha256,
            fileModifiedAt, DateTimeOffset.UtcNow, Stopwatch.GetElapsedTime(started));
    }

    private void CheckRunnable(Module module)
    {
        if (!module.Exports.Any(e => e.Name == "_start"))
            throw new InvalidDataException("it does not export _start: only WASI command modules can be run");

        // A throwaway instantiation proves the imports resolve and the initial memory fits
        // the limit, so requests never discover either. _start is not called.
        using var store = new Store(engine.Engine);
        engine.Limits.ApplyTo(store, perMemoryLimit: maxMemoryBytes);
        store.SetWasiConfiguration(new WasiConfiguration());
        // Host functions called by a start function see no stdin and the same time budget.
        store.SetData(new GuestState(null, 0, StartFunctionBudget));
        // A wasm start function runs at instantiation: bound it like any execution.
        store.SetEpochDeadline(WasmEngine.TicksFor(StartFunctionBudget));
        try
        {
            // All declared memories together must fit the limit, as in an execution.
            using var charged = new MemoryBudget((ulong)maxMemoryBytes).Enter();
            engine.Linker.Instantiate(store, module);
        }
        catch (WasmtimeException e)
        {
            throw new InvalidDataException(FailureClassifier.RootCause(e.Message), e);
        }
    }
}
